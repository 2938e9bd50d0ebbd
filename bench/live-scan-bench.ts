import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { Scanner } from '../agent/scan/scanner.ts';
import { readProcBaseline } from './proc-baseline.ts';
import { fmt, measure } from './stats.ts';

/** Starts `count` idle processes of our own, so the scan has a realistic table to read. */
function startIdleProcesses(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn('sleep', ['600'], { stdio: 'ignore' }));
}

function stop(children: readonly ChildProcess[]): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Live scan (processes, sockets, apps, matching) beside reading the same facts straight from /proc. */
export async function liveScanBench(options: {
  readonly extraProcesses: number;
  readonly runs: number;
}): Promise<boolean> {
  const children = startIdleProcesses(options.extraProcesses);
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const total = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
    const scanner = new Scanner();
    let findings = 0;
    const scan = await measure(async () => {
      findings = (await scanner.scanLive()).result.findings.length;
    }, options.runs);
    const baseline = await measure(() => readProcBaseline(), options.runs);
    const psList = (await import('ps-list')).default;
    const ps = await measure(() => psList(), Math.min(options.runs, 5), 1);
    const ratio = scan.wallMs / baseline.wallMs;
    console.log(
      `live scan, ${total} processes running (${options.extraProcesses} started by the bench), ${findings} findings`,
    );
    console.log(
      `  scan (in process, median of ${options.runs}):  ${fmt(scan.wallMs)} wall, ${fmt(scan.cpuMs)} CPU of this process`,
    );
    console.log(
      `  baseline: same facts from /proc:      ${fmt(baseline.wallMs)} wall, ${fmt(baseline.cpuMs)} CPU`,
    );
    console.log(
      `  ratio scan / baseline:                ${ratio.toFixed(2)}× (target ≤ 2×) ${ratio <= 2 ? 'MET' : 'MISSED'}`,
    );
    console.log(
      `  for reference, ps-list alone:         ${fmt(ps.wallMs)} wall (two ps runs; not used on Linux)`,
    );
    return ratio <= 2;
  } finally {
    stop(children);
  }
}
