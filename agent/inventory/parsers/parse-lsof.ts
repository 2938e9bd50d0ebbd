import type { Connection, ListeningSocket } from '../../../shared/index.ts';

/**
 * Parser for `lsof -nP -iTCP -iUDP -F pcfPtnT` (field output, one field a line, the first character
 * naming it). A `p` line starts a process, with its `c` (command); each open socket follows as `f`
 * (descriptor), `t` (IPv4/IPv6), `P` (TCP/UDP), `n` (addresses) and `T` lines (`TST=` state,
 * `TQR=`/`TQS=` queues). lsof 4.88–4.93 (macOS ships 4.91) print `f` even when not asked, later
 * versions only when asked, so a repeated file field also starts a new file. Pure: never runs lsof.
 */

export type LsofSockets = { readonly listening: ListeningSocket[]; readonly connections: Connection[] };

type Endpoint = { readonly address: string; readonly port: number | undefined };

type OpenFile = { protocol?: string; type?: string; name?: string; state?: string };

/** States worth reporting as connections: the conversation is or is about to be live. */
const liveStates: Record<string, string> = { ESTABLISHED: 'established', SYN_SENT: 'syn-sent' };

/** `*` is lsof's wildcard address; reported as the unspecified address of the socket's family. */
function parseEndpoint(text: string, type: string | undefined): Endpoint | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+|\*)$/.exec(text);
  if (!match) return undefined;
  let address = (match[1] ?? match[2]) as string;
  if (address === '*') address = type === 'IPv6' ? '::' : '0.0.0.0';
  // Link-local IPv6 carries a scope ("fe80:4::1%en0"); the address without it is what ranges match.
  address = address.replace(/%.*$/, '');
  const port = match[3] === '*' ? undefined : Number(match[3]);
  if (port !== undefined && port > 65535) return undefined;
  return { address, port };
}

function classify(pid: number | undefined, file: OpenFile, out: LsofSockets): void {
  const protocol = file.protocol === 'TCP' ? 'tcp' : file.protocol === 'UDP' ? 'udp' : undefined;
  if (!protocol || !file.name) return;
  const [localText, remoteText] = file.name.split('->');
  const local = parseEndpoint(localText as string, file.type);
  if (!local) return;
  const remote = remoteText === undefined ? undefined : parseEndpoint(remoteText, file.type);
  if (remoteText !== undefined && !remote) return;
  if (protocol === 'tcp' && file.state === 'LISTEN') {
    if (local.port !== undefined)
      out.listening.push({ protocol, address: local.address, port: local.port, pid });
    return;
  }
  if (protocol === 'udp' && !remote) {
    if (local.port !== undefined)
      out.listening.push({ protocol, address: local.address, port: local.port, pid });
    return;
  }
  if (!remote || remote.port === undefined) return;
  const state = protocol === 'udp' ? undefined : liveStates[file.state ?? ''];
  if (protocol === 'tcp' && !state) return;
  out.connections.push({
    protocol,
    localAddress: local.address,
    localPort: local.port,
    remoteAddress: remote.address,
    remotePort: remote.port,
    state,
    pid,
  });
}

/**
 * Listening sockets (TCP in LISTEN, UDP without a peer) and live connections (TCP ESTABLISHED or
 * SYN_SENT, UDP with a peer). A socket shared by several descriptors or processes (after fork or
 * dup) is reported once per process. Unknown lines and unparseable names are skipped.
 */
export function parseLsof(text: string): LsofSockets {
  const out: LsofSockets = { listening: [], connections: [] };
  let pid: number | undefined;
  let file: OpenFile | undefined;
  const flush = () => {
    if (file) classify(pid, file, out);
    file = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const field = line[0];
    const value = line.slice(1);
    if (field === 'p') {
      flush();
      const n = Number(value);
      pid = Number.isInteger(n) && n >= 0 ? n : undefined;
    } else if (field === 'f') {
      flush();
      file = {};
    } else if (field === 't' || field === 'P' || field === 'n') {
      const key = field === 't' ? 'type' : field === 'P' ? 'protocol' : 'name';
      if (!file || file[key] !== undefined) {
        flush();
        file = {};
      }
      file[key] = value;
    } else if (file && field === 'T' && value.startsWith('ST=')) file.state = value.slice(3);
  }
  flush();
  return { listening: dedupe(out.listening), connections: dedupe(out.connections) };
}

function dedupe<T extends object>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
