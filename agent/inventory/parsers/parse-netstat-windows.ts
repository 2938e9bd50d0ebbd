import type { Connection, ListeningSocket } from '../../../shared/index.ts';

/**
 * Parser for Windows `netstat -ano`. Rows are `Proto  Local  Foreign  State  PID`; UDP rows leave
 * State blank. IPv6 endpoints are bracketed (`[::]:135`, `[fe80::1%12]:1900`) and an unbound UDP
 * peer is `*:*`. Headings and TCP state words are translated on localised Windows ("ABHÖREN",
 * "HERGESTELLT", and in the OEM code page, which arrives mangled as UTF-8), so rows are found by
 * their protocol column and classified by their shape whenever the state word is not English. Pure.
 */

export type NetstatSockets = {
  readonly listening: ListeningSocket[];
  readonly connections: Connection[];
};

type Endpoint = { readonly address: string; readonly port: number | undefined };

const liveStates: ReadonlyMap<string, string> = new Map([
  ['ESTABLISHED', 'established'],
  ['SYN_SENT', 'syn-sent'],
]);

/** Every other state netstat prints in English: understood, and not reported. */
const otherStates = new Set([
  'SYN_RECEIVED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSED',
  'DELETE_TCB',
  'BOUND',
]);

function parseEndpoint(text: string): Endpoint | undefined {
  if (text === '*:*') return { address: '*', port: undefined };
  const match = /^(?:\[([0-9A-Fa-f:.]+)(?:%[^\]]*)?\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5}|\*)$/.exec(text);
  if (!match) return undefined;
  const port = match[3] === '*' ? undefined : Number(match[3]);
  if (port !== undefined && port > 65535) return undefined;
  return { address: (match[1] ?? match[2]) as string, port };
}

/** No peer: `*:*` (UDP), `0.0.0.0:0` or `[::]:0` (a TCP listener). */
function isUnspecified(e: Endpoint): boolean {
  return e.address === '*' || ((e.address === '0.0.0.0' || e.address === '::') && (e.port ?? 0) === 0);
}

/**
 * Listening sockets and live connections. TCP rows in English are classified by their state word:
 * LISTENING, or ESTABLISHED and SYN_SENT as connections; the closing and half-open states are not
 * reported. A state word that is not English (localised Windows, possibly several words) is
 * classified by shape instead: no peer is a listener, a peer is a connection whose `state` stays
 * unknown, so there closing connections are reported too. UDP rows with no peer are listeners, with
 * a peer connections. PID 0 is the idle process standing in for "no owner" (TIME_WAIT rows), so it
 * is reported as unknown. Malformed rows are skipped.
 */
export function parseNetstatWindows(text: string): NetstatSockets {
  const listening: ListeningSocket[] = [];
  const connections: Connection[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    const proto = fields[0];
    if (proto !== 'TCP' && proto !== 'UDP') continue;
    const protocol = proto === 'TCP' ? 'tcp' : 'udp';
    if (protocol === 'tcp' ? fields.length < 5 : fields.length !== 4) continue;
    const local = parseEndpoint(fields[1] as string);
    const remote = parseEndpoint(fields[2] as string);
    const pidText = fields.at(-1) as string;
    if (!local || local.port === undefined || !remote || !/^\d+$/.test(pidText)) continue;
    const pid = Number(pidText) || undefined;
    const stateWord = fields.slice(3, -1).join(' ');
    const english = stateWord === 'LISTENING' || liveStates.has(stateWord) || otherStates.has(stateWord);
    const listens = english ? stateWord === 'LISTENING' : isUnspecified(remote);
    if (listens) {
      listening.push({ protocol, address: local.address, port: local.port, pid });
      continue;
    }
    if (remote.port === undefined || isUnspecified(remote) || otherStates.has(stateWord)) continue;
    connections.push({
      protocol,
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      state: liveStates.get(stateWord),
      pid,
    });
  }
  return { listening, connections };
}
