import { parseArgs } from 'node:util';
import type { ScanResult } from '../../shared/index.ts';
import { Scanner } from '../scan/scanner.ts';
import { readSnapshot } from './read-snapshot.ts';
import { renderTable } from './render-table.ts';

/** `imscout-agent scan [--snapshot FILE] [--json]` */
export async function scanCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { snapshot: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const scanner = new Scanner();
  let result: ScanResult;
  if (values.snapshot !== undefined) {
    result = scanner.scan(await readSnapshot(values.snapshot));
  } else {
    const live = await scanner.scanLive();
    result = live.result;
    for (const warning of live.warnings)
      process.stderr.write(`warning: ${warning.facet}: ${warning.message}\n`);
  }
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : renderScan(result));
  return 0;
}

function renderScan(result: ScanResult): string {
  const head = `${result.device.hostname} (${result.device.os}), catalog ${result.catalogVersion}: `;
  if (result.findings.length === 0) return `${head}no IM clients found\n`;
  const rows = result.findings.map((f) => {
    const first = f.evidence[0];
    const where = first
      ? [first.kind, first.pid === undefined ? '' : `pid ${first.pid}`, first.path ?? first.name ?? '']
      : [];
    return [
      f.client,
      f.name,
      f.confidence,
      f.running ? 'yes' : 'no',
      f.installed ? 'yes' : 'no',
      String(f.evidence.length),
      where.filter(Boolean).join(' '),
    ];
  });
  const table = renderTable(
    ['CLIENT', 'NAME', 'CONFIDENCE', 'RUNNING', 'INSTALLED', 'EVIDENCE', 'FIRST EVIDENCE'],
    rows,
  );
  return `${head}${result.findings.length} IM client(s)\n\n${table}\n`;
}
