import type { CatalogBundle, CatalogEntry, NetworkRule, Platform } from '../catalog/catalog-schema.ts';
import {
  type AppAnchor,
  appAnchorOrder,
  appFieldRank,
  type CompiledRule,
  compileRule,
  type ProcessAnchor,
  processAnchorOrder,
  processFieldRank,
  type ValueSet,
} from './compile-rule.ts';
import { type CidrRange, parseCidr, RangeTable } from './ip-ranges.ts';

export type { AppAnchor, CompiledRule, ProcessAnchor, ValueSet };

/**
 * The catalog compiled once into lookup tables: every rule is filed under one "anchor" value
 * (its most selective field), so a process costs a handful of Map lookups however large the
 * catalog is; the rule's other fields are then verified on the few candidates found.
 */

export type FieldIndex<F extends string> = {
  /** `byValue` and `byPrefix` as arrays, for iteration without allocation. */
  readonly valueTables: readonly (readonly [F, ReadonlyMap<string, readonly CompiledRule<F>[]>])[];
  readonly prefixTables: readonly (readonly [F, ReadonlyMap<string, readonly CompiledRule<F>[]>])[];
  /** Anchor field → normalised value → rules anchored there. */
  readonly byValue: ReadonlyMap<F, ReadonlyMap<string, readonly CompiledRule<F>[]>>;
  /** Anchor field → prefixKey() → rules with prefix or wildcard values there. */
  readonly byPrefix: ReadonlyMap<F, ReadonlyMap<string, readonly CompiledRule<F>[]>>;
  /** Rules no key can find (wildcards too early in a value): tried on every record. */
  readonly scanned: readonly CompiledRule<F>[];
};

export type PortKey = `${'listen' | 'remote'}:${'tcp' | 'udp'}:${number}`;
export type NetworkMatch = {
  readonly entry: number;
  readonly field: 'cidr' | 'listenPort' | 'remotePort';
  readonly value: string;
  /** Remote ranges where this port match does not count. */
  readonly except?: readonly CidrRange[];
  /** For a range: the remote ports it counts on (all when absent). */
  readonly ports?: ReadonlySet<number>;
};

export type MatchIndex = {
  readonly version: string;
  readonly entries: readonly CatalogEntry[];
  readonly processes: Readonly<Record<Platform, FieldIndex<ProcessAnchor>>>;
  readonly apps: Readonly<Record<Platform, FieldIndex<AppAnchor>>>;
  /** Linux names longer than the kernel's 15 characters, filed under their first 15. */
  readonly truncatedNames: ReadonlyMap<string, readonly CompiledRule<ProcessAnchor>[]>;
  readonly ranges: RangeTable<NetworkMatch>;
  readonly ports: ReadonlyMap<PortKey, readonly NetworkMatch[]>;
  readonly protocolEntries: ReadonlySet<number>;
};

const linuxCommLength = 15;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The key a prefix or wildcard value is filed under, so it too is found by one lookup: the vendor
 * part of a bundle id (`com.tinyspeck` of `com.tinyspeck.slackmacgap.helper*`), or the first three
 * letters of an app-name pattern. Undefined when the literal part is too short to say.
 */
export function prefixKey(field: string, value: string): string | undefined {
  const star = value.indexOf('*');
  const literalEnd = star === -1 ? value.length : star;
  if (field === 'bundleId') {
    const first = value.indexOf('.');
    const second = first === -1 ? -1 : value.indexOf('.', first + 1);
    // Two whole segments must be literal: `com.vendor.` before any `*`.
    return second !== -1 && second < literalEnd ? value.slice(0, second) : undefined;
  }
  if (field === 'name') return literalEnd >= 3 ? value.slice(0, 3).toLowerCase() : undefined;
  return undefined;
}

function buildFieldIndex<F extends string>(
  rules: readonly CompiledRule<F>[],
  order: readonly F[],
): FieldIndex<F> {
  const byValue = new Map<F, Map<string, CompiledRule<F>[]>>();
  const byPrefix = new Map<F, Map<string, CompiledRule<F>[]>>();
  const scanned: CompiledRule<F>[] = [];
  const fileUnder = (
    index: Map<F, Map<string, CompiledRule<F>[]>>,
    field: F,
    key: string,
    rule: CompiledRule<F>,
  ) => {
    const map = index.get(field) ?? new Map<string, CompiledRule<F>[]>();
    index.set(field, map);
    const list = map.get(key);
    if (!list) map.set(key, [rule]);
    else if (!list.includes(rule)) list.push(rule);
  };
  for (const rule of rules) {
    const anchor = order.find((f) => rule.fields.has(f)) as F;
    const set = rule.fields.get(anchor) as ValueSet;
    const exact = anchor === 'path' ? rule.paths.map((p) => p.baseKey) : [...set.exact];
    const loose = [...set.prefixes.map((p) => `${p}*`), ...rule.namePatterns.map((p) => p.pattern)];
    let needsScan = exact.includes(undefined);
    for (const key of exact) if (key !== undefined) fileUnder(byValue, anchor, key, rule);
    for (const value of loose) {
      const key = prefixKey(anchor, value);
      if (key === undefined) needsScan = true;
      else fileUnder(byPrefix, anchor, key, rule);
    }
    if (needsScan) scanned.push(rule);
  }
  return { byValue, byPrefix, scanned, valueTables: [...byValue], prefixTables: [...byPrefix] };
}

function addNetworkRule(
  entry: number,
  rule: NetworkRule,
  ranges: RangeTable<NetworkMatch>,
  ports: Map<PortKey, NetworkMatch[]>,
): void {
  // A rule with ranges matches a connection into them, on its remote ports only if it names any.
  const remotePorts = rule.remotePort ? new Set(rule.remotePort) : undefined;
  for (const cidr of rule.cidr ?? []) {
    const range = parseCidr(cidr);
    if (range)
      ranges.add(range, {
        entry,
        field: 'cidr',
        value: cidr,
        ...(remotePorts ? { ports: remotePorts } : {}),
      });
  }
  if (rule.cidr) return;
  const except = rule.exceptCidr?.flatMap((c) => parseCidr(c) ?? []);
  const extra = except?.length ? { except } : {};
  const protocols = rule.protocol ? [rule.protocol] : (['tcp', 'udp'] as const);
  for (const protocol of protocols) {
    const value = (port: number) => `${protocol}/${port}`;
    for (const port of rule.listenPort ?? [])
      push(ports, `listen:${protocol}:${port}` as PortKey, {
        entry,
        field: 'listenPort',
        value: value(port),
      });
    for (const port of rule.remotePort ?? [])
      push(ports, `remote:${protocol}:${port}` as PortKey, {
        entry,
        field: 'remotePort',
        value: value(port),
        ...extra,
      });
  }
}

/** Compiles a validated catalog bundle. Pure; call once and reuse the result for every scan. */
export function compileCatalog(bundle: CatalogBundle): MatchIndex {
  const entries = bundle.entries.filter((e) => !e.deprecated);
  const processes = {} as Record<Platform, FieldIndex<ProcessAnchor>>;
  const apps = {} as Record<Platform, FieldIndex<AppAnchor>>;
  const truncatedNames = new Map<string, CompiledRule<ProcessAnchor>[]>();
  const ranges = new RangeTable<NetworkMatch>();
  const ports = new Map<PortKey, NetworkMatch[]>();
  const protocolEntries = new Set<number>();

  for (const os of ['windows', 'macos', 'linux'] as const) {
    const processRules: CompiledRule<ProcessAnchor>[] = [];
    const appRules: CompiledRule<AppAnchor>[] = [];
    entries.forEach((entry, e) => {
      entry[os]?.processes.forEach((rule, index) => {
        const compiled = compileRule({
          os,
          entry: e,
          index,
          rule,
          order: processAnchorOrder,
          rank: processFieldRank,
          prefixFields: new Set(['bundleId']),
        });
        processRules.push(compiled);
        if (os === 'linux') {
          for (const name of compiled.fields.get('name')?.exact ?? []) {
            if (name.length > linuxCommLength) push(truncatedNames, name.slice(0, linuxCommLength), compiled);
          }
        }
      });
      entry[os]?.apps.forEach((rule, index) => {
        appRules.push(
          compileRule({
            os,
            entry: e,
            index,
            rule,
            order: appAnchorOrder,
            rank: appFieldRank,
            prefixFields: new Set(['bundleId', 'appName']),
          }),
        );
      });
    });
    processes[os] = buildFieldIndex(processRules, processAnchorOrder);
    apps[os] = buildFieldIndex(appRules, appAnchorOrder);
  }
  entries.forEach((entry, e) => {
    if (entry.category === 'protocol') protocolEntries.add(e);
    for (const rule of entry.network) addNetworkRule(e, rule, ranges, ports);
  });
  ranges.seal();
  return {
    version: bundle.version,
    entries,
    processes,
    apps,
    truncatedNames,
    ranges,
    ports,
    protocolEntries,
  };
}
