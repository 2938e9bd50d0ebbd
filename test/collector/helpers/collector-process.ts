import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '../../helpers/child-processes.ts';

const bin = join(import.meta.dirname, '../../../collector/bin/imscout-collector.ts');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A collector running as its own process, as in production. */
export async function startCollectorProcess(storage: { dataDir: string; url?: string | undefined }) {
  const port = await freePort();
  const args = [bin, 'serve', '--port', String(port), '--data-dir', storage.dataDir];
  if (storage.url) args.push('--database-url', storage.url);
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: 'ignore',
    env: { ...process.env, IMSCOUT_LOG_LEVEL: 'warn' },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('collector to answer /healthz', async () => {
    if (child.exitCode !== null) throw new Error(`collector exited with ${child.exitCode}`);
    try {
      return (await fetch(`${base}/healthz`)).ok ? true : undefined;
    } catch {
      return undefined;
    }
  });
  return { base, child, kill: (signal: NodeJS.Signals = 'SIGKILL') => child.kill(signal) };
}
