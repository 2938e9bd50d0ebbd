import { parseLsof } from '../parsers/parse-lsof.ts';
import { runCommand } from '../run-command.ts';
import type { SocketInventory } from './socket-inventory.ts';

/**
 * Listening sockets and live connections on macOS from lsof's field output: `-n -P` keep addresses
 * and ports numeric (no DNS or services lookups); `f` delimits sockets on every lsof version and
 * `t` tells IPv4 from IPv6 wildcards. lsof exits 1 when some descriptors could not be read (and
 * when it found nothing), which still leaves a valid answer on stdout. Sees every process's
 * sockets only as root.
 */
export async function listSockets(): Promise<SocketInventory> {
  const out = await runCommand('/usr/sbin/lsof', ['-nP', '-iTCP', '-iUDP', '-F', 'pcfPtnT'], {
    timeoutMs: 15_000,
    okExitCodes: [0, 1],
  });
  const { listening, connections } = parseLsof(out);
  return { listening: { items: listening, warnings: [] }, connections: { items: connections, warnings: [] } };
}
