import { parseNetstatWindows } from '../parsers/parse-netstat-windows.ts';
import { runCommand } from '../run-command.ts';
import type { SocketInventory } from './socket-inventory.ts';

/**
 * Listening sockets and live connections on Windows from `netstat -ano` (numeric addresses, owning
 * pid). By full path, so no other netstat on the PATH is run. Owners of every process are visible
 * only to an elevated caller. On localised Windows, connections come without a `state` (see
 * parseNetstatWindows).
 */
export async function listSockets(): Promise<SocketInventory> {
  const netstat = `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\NETSTAT.EXE`;
  const out = await runCommand(netstat, ['-ano'], { timeoutMs: 15_000 });
  const { listening, connections } = parseNetstatWindows(out);
  return { listening: { items: listening, warnings: [] }, connections: { items: connections, warnings: [] } };
}
