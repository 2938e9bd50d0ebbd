import { builtInCatalog, compileCatalog, matchInventory } from '../shared/index.ts';
import { fmt, measure } from './stats.ts';
import { compositionOf, syntheticSnapshot } from './synthetic-processes.ts';

export async function matcherBench(runs: number): Promise<boolean> {
  const compileTime = await measure(() => compileCatalog(builtInCatalog()), 5, 1);
  const index = compileCatalog(builtInCatalog());
  console.log(
    `matcher, catalog ${index.version} (${index.entries.length} entries), compiled once in ${fmt(compileTime.wallMs)}`,
  );
  let met = true;
  for (const os of ['linux', 'windows', 'macos'] as const) {
    const snapshot = syntheticSnapshot(os, 10_000);
    const t = await measure(() => matchInventory(index, snapshot), runs, 3);
    const ok = t.wallMs < 10;
    met &&= ok;
    const clients = matchInventory(index, snapshot)
      .map((f) => f.client)
      .join(', ');
    console.log(`  10,000 ${os} processes (${compositionOf(os)}) → ${clients}`);
    console.log(
      `    match: ${fmt(t.wallMs)} median (target < 10 ms, ${(t.wallMs / 10).toFixed(2)}× of it) ${ok ? 'MET' : 'MISSED'}`,
    );
  }
  return met;
}
