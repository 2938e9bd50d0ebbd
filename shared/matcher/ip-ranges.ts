/**
 * IP addresses and CIDR ranges as numbers, so that a socket's remote address is looked up in the
 * catalog's published ranges by binary search instead of testing every range.
 * IPv4 and IPv4-mapped IPv6 (`::ffff:1.2.3.4`) share one space; IPv6 uses bigint.
 */
export type IpAddress =
  | { readonly family: 4; readonly value: number }
  | { readonly family: 6; readonly value: bigint };
export type CidrRange = {
  readonly family: 4 | 6;
  readonly prefix: number;
  readonly start: bigint;
  readonly end: bigint;
};

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const byte = Number(part);
    if (byte > 255) return undefined;
    value = value * 256 + byte;
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const zoneless = text.split('%')[0] as string;
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  let head = groups(halves[0]);
  let tail = groups(halves[1]);
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) counts as two groups.
  const expandV4 = (list: string[]) => {
    const last = list.at(-1);
    if (!last?.includes('.')) return list;
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    return [...list.slice(0, -1), (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16)];
  };
  if (halves.length === 2) {
    const t = expandV4(tail);
    if (!t) return undefined;
    tail = t;
  } else {
    const h = expandV4(head);
    if (!h) return undefined;
    head = h;
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<string>(missing).fill('0'), ...tail]) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}

const v4MappedPrefix = 0xffffn << 32n;

/** Parses an address as a socket table shows it; IPv4-mapped IPv6 comes back as IPv4. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: Number(v6 - v4MappedPrefix) };
  return { family: 6, value: v6 };
}

export function parseCidr(text: string): CidrRange | undefined {
  const [addressText, prefixText, extra] = text.trim().split('/');
  if (!addressText || extra !== undefined) return undefined;
  const address = parseIp(addressText);
  if (!address) return undefined;
  const bits = address.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || !/^\d*$/.test(prefixText ?? ''))
    return undefined;
  const value = BigInt(address.value);
  const hostBits = BigInt(bits - prefix);
  const start = (value >> hostBits) << hostBits;
  return { family: address.family, prefix, start, end: start + (1n << hostBits) - 1n };
}

/** Sorted, searchable set of ranges, each carrying a payload (the catalog rule it came from). */
export class RangeTable<T> {
  readonly #v4: { start: number; end: number; payload: T }[] = [];
  readonly #v6: { start: bigint; end: bigint; payload: T }[] = [];

  add(range: CidrRange, payload: T): void {
    if (range.family === 4) this.#v4.push({ start: Number(range.start), end: Number(range.end), payload });
    else this.#v6.push({ start: range.start, end: range.end, payload });
  }

  /** Call once after the last add. */
  seal(): void {
    this.#v4.sort((a, b) => a.start - b.start);
    this.#v6.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  /** Every payload whose range contains the address (ranges may nest). */
  lookup(address: IpAddress): T[] {
    const list: readonly { start: number | bigint; end: number | bigint; payload: T }[] =
      address.family === 4 ? this.#v4 : this.#v6;
    // Last range starting at or before the address, then walk back over earlier ones that may still cover it.
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { start: number | bigint }).start <= address.value) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const hits: T[] = [];
    for (let i = found; i >= 0; i--) {
      const range = list[i] as { end: number | bigint; payload: T };
      if (range.end >= address.value) hits.push(range.payload);
    }
    return hits;
  }
}
