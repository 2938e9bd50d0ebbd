import type { InventorySnapshot } from '../inventory-schema.ts';
import type { Evidence } from '../scan-schema.ts';
import { type CidrRange, type IpAddress, parseIp } from './ip-ranges.ts';
import type { MatchIndex, NetworkMatch, PortKey } from './match-index.ts';

/** A client that a process was matched to: its sockets are that client's. */
export type SocketOwner = { readonly entry: number; readonly name: string };

type SocketHit = { readonly entry: number; readonly evidence: Evidence };

/**
 * Attributes listening ports and connections. A socket of a matched process is evidence of that
 * process's client (listening ports always; connections when they reach a published range or an
 * IM port). A socket no client explains is matched on its own: published ranges and client ports
 * first, protocol signatures (IRC, XMPP…) only when no client rule fits.
 */
export function matchSockets(
  index: MatchIndex,
  snapshot: InventorySnapshot,
  owners: ReadonlyMap<number, readonly SocketOwner[]>,
): SocketHit[] {
  const hits: SocketHit[] = [];
  if (!snapshot.listening?.length && !snapshot.connections?.length) return hits;
  const names = new Map<number, string>();
  for (const proc of snapshot.processes ?? []) names.set(proc.pid, proc.name);

  for (const socket of snapshot.listening ?? []) {
    const base: Evidence = {
      kind: 'listening-port',
      matched: 'process.owner',
      confidence: 'low',
      protocol: socket.protocol,
      address: socket.address,
      port: socket.port,
      ...(socket.pid != null ? { pid: socket.pid, name: names.get(socket.pid) } : {}),
    };
    const byOwner = socket.pid != null ? owners.get(socket.pid) : undefined;
    if (byOwner) {
      for (const owner of byOwner)
        hits.push({ entry: owner.entry, evidence: { ...base, value: owner.name } });
      continue;
    }
    const matches = index.ports.get(`listen:${socket.protocol}:${socket.port}` as PortKey) ?? [];
    for (const match of preferClients(index, matches)) {
      hits.push({
        entry: match.entry,
        evidence: { ...base, matched: `network.${match.field}`, value: match.value },
      });
    }
  }

  for (const conn of snapshot.connections ?? []) {
    if (conn.state && /^listen$/i.test(conn.state)) continue;
    const address = parseIp(conn.remoteAddress);
    const matches = [
      ...(address ? index.ranges.lookup(address) : []).filter(
        (m) => !m.ports || m.ports.has(conn.remotePort),
      ),
      ...(index.ports.get(`remote:${conn.protocol}:${conn.remotePort}` as PortKey) ?? []).filter(
        (m) => !m.except || !address || !m.except.some((range) => inRange(range, address)),
      ),
    ];
    if (matches.length === 0) continue;
    const base: Evidence = {
      kind: 'connection',
      matched: `network.${(matches[0] as NetworkMatch).field}`,
      value: (matches[0] as NetworkMatch).value,
      confidence: 'low',
      protocol: conn.protocol,
      remoteAddress: conn.remoteAddress,
      remotePort: conn.remotePort,
      ...(conn.pid != null ? { pid: conn.pid, name: names.get(conn.pid) } : {}),
    };
    const byOwner = conn.pid != null ? owners.get(conn.pid) : undefined;
    if (byOwner) {
      // Explained by the owning client: reported as its evidence, never again as a protocol finding.
      for (const owner of byOwner) hits.push({ entry: owner.entry, evidence: base });
      continue;
    }
    for (const match of preferClients(index, matches)) {
      hits.push({
        entry: match.entry,
        evidence: { ...base, matched: `network.${match.field}`, value: match.value },
      });
    }
  }
  return hits;
}

/** Client rules outrank protocol signatures for the same socket; one hit per entry. */
function preferClients(index: MatchIndex, matches: readonly NetworkMatch[]): NetworkMatch[] {
  const clients = matches.filter((m) => !index.protocolEntries.has(m.entry));
  const chosen = clients.length ? clients : matches;
  const seen = new Set<number>();
  return chosen.filter((m) => !seen.has(m.entry) && seen.add(m.entry));
}

function inRange(range: CidrRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false;
  const value = BigInt(address.value);
  return value >= range.start && value <= range.end;
}
