import { parseArgs } from 'node:util';
import { builtInCatalog, platforms } from '../../shared/index.ts';
import { renderTable } from './render-table.ts';

/** `imscout-agent catalog [--json]`: the catalog in use, contracts.md §3. */
export async function catalogCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const bundle = builtInCatalog();
  const clients = bundle.entries
    .filter((e) => !e.deprecated)
    .map((e) => ({
      id: e.id,
      name: e.name,
      vendor: e.vendor,
      category: e.category,
      platforms: platforms.filter((p) => e.platforms.includes(p)),
      defaultPolicy: e.defaultPolicy,
      ...(e.risk ? { risk: e.risk } : {}),
    }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ version: bundle.version, clients }, null, 2)}\n`);
    return 0;
  }
  const rows = clients.map((c) => [c.id, c.name, c.category, c.platforms.join(',')]);
  process.stdout.write(
    `catalog ${bundle.version}: ${clients.length} entries\n\n${renderTable(['ID', 'NAME', 'CATEGORY', 'PLATFORMS'], rows)}\n`,
  );
  return 0;
}
