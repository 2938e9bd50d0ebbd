import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Connection, ListeningSocket } from '../../../shared/index.ts';
import type { InventoryWarning } from '../facet-result.ts';
import { type ProcNetSocket, parseProcNet } from '../parsers/parse-proc-net.ts';
import type { SocketInventory } from './socket-inventory.ts';

const tables = [
  ['tcp', 'tcp'],
  ['tcp6', 'tcp'],
  ['udp', 'udp'],
  ['udp6', 'udp'],
] as const;

/** States worth reporting as connections: the conversation is or is about to be live. */
const liveStates = new Set(['established', 'syn-sent']);

/** Maps socket inodes to the pid holding them, reading only the fd folders of /proc. */
async function socketOwners(procRoot: string, wanted: ReadonlySet<number>): Promise<Map<number, number>> {
  const owners = new Map<number, number>();
  if (wanted.size === 0) return owners;
  const pids = readdirSync(procRoot).filter((n) => /^\d+$/.test(n));
  for (let i = 0; i < pids.length && owners.size < wanted.size; i++) {
    if (i > 0 && i % 200 === 0) await yieldToLoop();
    const fdDir = `${procRoot}/${pids[i]}/fd`;
    let fds: string[];
    try {
      fds = readdirSync(fdDir);
    } catch {
      continue; // exited, or another user's process without root
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`${fdDir}/${fd}`);
      } catch {
        continue;
      }
      if (!link.startsWith('socket:[')) continue;
      const inode = Number(link.slice(8, -1));
      if (wanted.has(inode)) owners.set(inode, Number(pids[i]));
    }
  }
  return owners;
}

/** Listening sockets and live connections from /proc/net, with their owning pid where visible. */
export async function listSockets(procRoot = '/proc'): Promise<SocketInventory> {
  const warnings: InventoryWarning[] = [];
  const sockets: ProcNetSocket[] = [];
  for (const [file, protocol] of tables) {
    try {
      sockets.push(...parseProcNet(readFileSync(`${procRoot}/net/${file}`, 'latin1'), protocol));
    } catch (error) {
      if (file === 'tcp' || file === 'udp')
        warnings.push({ facet: 'sockets', message: `${file}: ${(error as Error).message}` });
    }
  }
  const relevant = sockets.filter((s) => s.state === 'listen' || liveStates.has(s.state));
  const owners = await socketOwners(procRoot, new Set(relevant.map((s) => s.inode).filter((n) => n > 0)));
  const listening: ListeningSocket[] = [];
  const connections: Connection[] = [];
  for (const s of relevant) {
    const pid = owners.get(s.inode);
    if (s.state === 'listen') {
      listening.push({ protocol: s.protocol, address: s.localAddress, port: s.localPort, pid });
    } else {
      connections.push({
        protocol: s.protocol,
        localAddress: s.localAddress,
        localPort: s.localPort,
        remoteAddress: s.remoteAddress,
        remotePort: s.remotePort,
        state: s.state,
        pid,
      });
    }
  }
  return { listening: { items: listening, warnings }, connections: { items: connections, warnings: [] } };
}
