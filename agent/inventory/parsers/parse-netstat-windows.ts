import type { Connection, ListeningSocket } from '../../../shared/index.ts';

/**
 * Parser for Windows `netstat -ano`. Rows are `Proto  Local  Foreign  State  PID`; UDP rows leave
 * State blank. IPv6 endpoints are bracketed (`[::]:135`, `[fe80::1%12]:1900`) and an unbound UDP
 * peer is `*:*`. Headings and TCP state names are translated on localised Windows, so rows are
 * found by their protocol column, and listeners by their shape as well as their state. Pure.
 */

export type NetstatSockets = {
  readonly listening: ListeningSocket[];
  readonly connections: Connection[];
  /** TCP rows whose state word is not English (localised Windows) and could not be classified. */
  readonly unrecognisedStates: number;
};

type Endpoint = { readonly address: string; readonly port: number | undefined };

const liveStates: Record<string, string> = { ESTABLISHED: 'established', SYN_SENT: 'syn-sent' };

/** Every other state netstat prints in English: understood, and not reported. */
const otherStates = new Set([
  'LISTENING',
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

function isUnspecified(e: Endpoint): boolean {
  return e.address === '*' || ((e.address === '0.0.0.0' || e.address === '::') && (e.port ?? 0) === 0);
}

/**
 * Listening sockets (TCP LISTENING, and UDP rows bound with no peer) and live connections (TCP
 * ESTABLISHED or SYN_SENT, UDP with a peer). PID 0 is the idle process standing in for "no owner"
 * (TIME_WAIT rows), so it is reported as unknown. Malformed rows are skipped.
 */
export function parseNetstatWindows(text: string): NetstatSockets {
  const listening: ListeningSocket[] = [];
  const connections: Connection[] = [];
  let unrecognisedStates = 0;
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    const proto = fields[0];
    if (proto !== 'TCP' && proto !== 'UDP') continue;
    const protocol = proto === 'TCP' ? 'tcp' : 'udp';
    if (fields.length !== (protocol === 'tcp' ? 5 : 4)) continue;
    const local = parseEndpoint(fields[1] as string);
    const remote = parseEndpoint(fields[2] as string);
    const pidText = fields.at(-1) as string;
    if (!local || local.port === undefined || !remote || !/^\d+$/.test(pidText)) continue;
    const pid = Number(pidText) || undefined;
    if (protocol === 'udp') {
      if (isUnspecified(remote)) listening.push({ protocol, address: local.address, port: local.port, pid });
      else if (remote.port !== undefined) {
        connections.push({
          protocol,
          localAddress: local.address,
          localPort: local.port,
          remoteAddress: remote.address,
          remotePort: remote.port,
          pid,
        });
      }
      continue;
    }
    const stateWord = fields[3] as string;
    const live = liveStates[stateWord];
    if (stateWord === 'LISTENING' || (!live && !otherStates.has(stateWord) && isUnspecified(remote))) {
      listening.push({ protocol, address: local.address, port: local.port, pid });
    } else if (live && remote.port !== undefined) {
      connections.push({
        protocol,
        localAddress: local.address,
        localPort: local.port,
        remoteAddress: remote.address,
        remotePort: remote.port,
        state: live,
        pid,
      });
    } else if (!live && !otherStates.has(stateWord)) unrecognisedStates++;
  }
  return { listening, connections, unrecognisedStates };
}
