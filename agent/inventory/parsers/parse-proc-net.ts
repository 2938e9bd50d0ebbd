/**
 * Parser for /proc/net/{tcp,tcp6,udp,udp6}. Addresses are hex in host byte order per 32-bit word
 * (little-endian on every platform Linux agents run on).
 */
export type ProcNetSocket = {
  readonly protocol: 'tcp' | 'udp';
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly state: string;
  readonly inode: number;
};

const tcpStates: Record<string, string> = {
  '01': 'established',
  '02': 'syn-sent',
  '03': 'syn-recv',
  '04': 'fin-wait1',
  '05': 'fin-wait2',
  '06': 'time-wait',
  '07': 'close',
  '08': 'close-wait',
  '09': 'last-ack',
  '0A': 'listen',
  '0B': 'closing',
};

function wordToIpv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return `${n & 0xff}.${(n >>> 8) & 0xff}.${(n >>> 16) & 0xff}.${n >>> 24}`;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) return wordToIpv4(hex);
  // IPv6: four little-endian 32-bit words.
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  return compressIpv6(groups);
}

function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart === -1) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

export function parseProcNet(text: string, protocol: 'tcp' | 'udp'): ProcNetSocket[] {
  const out: ProcNetSocket[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const fields = (lines[i] as string).trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [localHex, localPortHex] = (fields[1] as string).split(':');
    const [remoteHex, remotePortHex] = (fields[2] as string).split(':');
    if (!localHex || !localPortHex || !remoteHex || !remotePortHex) continue;
    const stateHex = (fields[3] as string).toUpperCase();
    out.push({
      protocol,
      localAddress: decodeAddress(localHex),
      localPort: Number.parseInt(localPortHex, 16),
      remoteAddress: decodeAddress(remoteHex),
      remotePort: Number.parseInt(remotePortHex, 16),
      // UDP has no connection states: 07 is an unconnected (bound) socket, 01 a connected one.
      state:
        protocol === 'udp'
          ? stateHex === '01'
            ? 'established'
            : 'listen'
          : (tcpStates[stateHex] ?? stateHex),
      inode: Number(fields[9]),
    });
  }
  return out;
}
