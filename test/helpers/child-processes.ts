import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Children a test started, each in its own process group so that helpers they fork die with them. */
export class ChildProcesses {
  readonly #children: ChildProcess[] = [];

  start(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, [...args], { stdio: 'ignore', detached: true, ...options });
    child.on('error', () => {});
    this.#children.push(child);
    return child;
  }

  async stopAll(): Promise<void> {
    for (const child of this.#children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await sleep(100);
  }
}

/** Polls until `check` returns a value, or throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
