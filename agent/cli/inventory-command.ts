import { parseArgs } from 'node:util';
import { builtInCatalog, catalogPathPatterns } from '../../shared/index.ts';
import { collectInventory } from '../inventory/collect-inventory.ts';
import { deviceOs } from '../inventory/device/device-facts.ts';
import { renderTable } from './render-table.ts';

/** `imscout-agent inventory [--json]`: the live snapshot, contracts.md §1. */
export async function inventoryCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const installProbes = catalogPathPatterns(builtInCatalog(), deviceOs());
  const { snapshot, warnings } = await collectInventory({ installProbes });
  for (const warning of warnings) process.stderr.write(`warning: ${warning.facet}: ${warning.message}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
    return 0;
  }
  const d = snapshot.device;
  const counts = [
    ['processes', snapshot.processes?.length ?? 0],
    ['listening sockets', snapshot.listening?.length ?? 0],
    ['connections', snapshot.connections?.length ?? 0],
    ['installed apps', snapshot.apps?.length ?? 0],
  ].map(([k, v]) => [String(k), String(v)]);
  process.stdout.write(
    `${d.hostname} (${d.os} ${d.osVersion ?? ''}, ${d.arch ?? ''})\n\n${renderTable(['FACET', 'COUNT'], counts)}\n`,
  );
  return 0;
}
