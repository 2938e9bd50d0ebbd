#!/usr/bin/env node
// `npm run bench`: prints each figure beside its baseline or target, measured in this run.
// Figures are printed, not asserted: timings never gate the test suite.
import { collectorIngestBench } from './collector-ingest-bench.ts';
import { liveScanBench } from './live-scan-bench.ts';
import { matcherBench } from './matcher-bench.ts';

const results: [string, boolean][] = [];
results.push(['matcher: 10,000 processes < 10 ms', await matcherBench(30)]);
console.log();
if (process.platform === 'linux') {
  results.push(['live scan ≤ 2× /proc baseline', await liveScanBench({ extraProcesses: 1000, runs: 15 })]);
} else {
  console.log('live scan bench: Linux only (its baseline reads /proc)');
}
console.log();
results.push(['collector ingest ≥ 3,000/s, p99 < 50 ms at 333/s', await collectorIngestBench()]);
console.log(`\nsummary: ${results.map(([name, ok]) => `${name}: ${ok ? 'met' : 'MISSED'}`).join('; ')}`);
