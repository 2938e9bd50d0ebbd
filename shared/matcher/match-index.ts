import type {
  AppRule,
  CatalogBundle,
  CatalogEntry,
  NetworkRule,
  Platform,
  ProcessRule,
} from '../catalog/catalog-schema.ts';
import type { Confidence } from '../scan-schema.ts';
import { parseCidr, RangeTable } from './ip-ranges.ts';
import { type CompiledPathPattern, compilePathPattern } from './path-pattern.ts';

/**
 * The catalog compiled once into lookup tables: every rule is filed under one "anchor" value
 * (its most selective field), so a process costs a handful of Map lookups however large the
 * catalog is; the rule's other fields are then verified on the few candidates found.
 */

export type ProcessAnchor =
  | 'bundleId'
  | 'originalFilename'
  | 'package'
  | 'path'
  | 'name'
  | 'productName'
  | 'fileDescription'
  | 'signer'
  | 'companyName';
export type AppAnchor = 'bundleId' | 'package' | 'desktopFile' | 'path' | 'name' | 'publisher';

/** Most selective first: the first field a rule has becomes its anchor. */
const processAnchorOrder: readonly ProcessAnchor[] = [
  'bundleId',
  'originalFilename',
  'package',
  'path',
  'name',
  'productName',
  'fileDescription',
  'signer',
  'companyName',
];
const appAnchorOrder: readonly AppAnchor[] = [
  'bundleId',
  'package',
  'desktopFile',
  'path',
  'name',
  'publisher',
];

/** Strength of each field: the strongest field of a rule sets the confidence of its match. */
const processFieldRank: Record<ProcessAnchor, number> = {
  signer: 5,
  bundleId: 5,
  originalFilename: 4,
  productName: 4,
  companyName: 4,
  fileDescription: 4,
  package: 4,
  path: 3,
  name: 1,
};
const appFieldRank: Record<AppAnchor, number> = {
  bundleId: 5,
  package: 4,
  desktopFile: 4,
  path: 3,
  publisher: 2,
  name: 1,
};

/** A set of accepted values for one field, already normalised, plus prefix patterns (`foo*`). */
export type ValueSet = { readonly exact: ReadonlySet<string>; readonly prefixes: readonly string[] };

export type CompiledRule<F extends string> = {
  readonly entry: number;
  readonly index: number;
  readonly fields: ReadonlyMap<F, ValueSet>;
  /** The same as `fields`, as an array: iterated on the hot path without allocating. */
  readonly fieldList: readonly (readonly [F, ValueSet])[];
  readonly paths: readonly CompiledPathPattern[];
  /** App-name patterns with `*` inside, compiled. */
  readonly namePatterns: readonly { readonly pattern: string; readonly regexp: RegExp }[];
  readonly strongest: F;
  readonly confidence: Confidence;
  readonly helper: boolean;
  readonly variant: string | undefined;
};

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

function confidenceOf(rank: number): Confidence {
  return rank >= 2 ? 'high' : 'medium';
}

function normalizer(os: Platform, field: string): (value: string) => string {
  // Package ids and Linux names are case-sensitive; everything else folds case.
  if (os === 'linux' && (field === 'name' || field === 'package' || field === 'desktopFile')) return (v) => v;
  if (field === 'package') return (v) => v;
  return (v) => v.toLowerCase();
}

function toValueSet(
  values: readonly string[],
  normalize: (v: string) => string,
  allowPrefix: boolean,
): ValueSet {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const raw of values) {
    const value = normalize(raw.trim());
    if (allowPrefix && value.endsWith('*')) prefixes.push(value.slice(0, -1));
    else exact.add(value);
  }
  return { exact, prefixes };
}

function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type RuleFields = ProcessRule | AppRule;

function compileRule<F extends string>(options: {
  readonly os: Platform;
  readonly entry: number;
  readonly index: number;
  readonly rule: RuleFields;
  readonly order: readonly F[];
  readonly rank: Record<F, number>;
  readonly prefixFields: ReadonlySet<string>;
}): CompiledRule<F> {
  const { os, rule, order, rank } = options;
  const fields = new Map<F, ValueSet>();
  let paths: CompiledPathPattern[] = [];
  let namePatterns: { pattern: string; regexp: RegExp }[] = [];
  let strongest: F | undefined;
  for (const field of order) {
    const values = (rule as Record<string, unknown>)[field] as string[] | undefined;
    if (!values) continue;
    if (field === 'path') paths = values.map((p) => compilePathPattern(os, p));
    if (field === 'name' && options.prefixFields.has('appName')) {
      const plain = values.filter((v) => !v.includes('*'));
      namePatterns = values
        .filter((v) => v.includes('*'))
        .map((pattern) => ({ pattern, regexp: globToRegExp(pattern) }));
      fields.set(
        field,
        toValueSet(plain, (v) => v.toLowerCase(), false),
      );
    } else if (field !== 'path') {
      fields.set(field, toValueSet(values, normalizer(os, field), options.prefixFields.has(field)));
    } else fields.set(field, { exact: new Set(), prefixes: [] });
    if (strongest === undefined || rank[field] > rank[strongest]) strongest = field;
  }
  if (strongest === undefined)
    throw new Error(`rule ${options.index} of entry ${options.entry} has no field`);
  return {
    entry: options.entry,
    index: options.index,
    fields,
    fieldList: [...fields],
    paths,
    namePatterns,
    strongest,
    confidence: confidenceOf(rank[strongest]),
    helper: 'helper' in rule ? Boolean(rule.helper) : false,
    variant: rule.variant,
  };
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
  for (const cidr of rule.cidr ?? []) {
    const range = parseCidr(cidr);
    if (range) ranges.add(range, { entry, field: 'cidr', value: cidr });
  }
  // Ports of a rule that also names ranges only count together with those ranges (see match-sockets).
  if (rule.cidr) return;
  const protocols = rule.protocol ? [rule.protocol] : (['tcp', 'udp'] as const);
  for (const protocol of protocols) {
    for (const port of rule.listenPort ?? [])
      push(ports, `listen:${protocol}:${port}` as PortKey, {
        entry,
        field: 'listenPort',
        value: `${protocol}/${port}`,
      });
    for (const port of rule.remotePort ?? [])
      push(ports, `remote:${protocol}:${port}` as PortKey, {
        entry,
        field: 'remotePort',
        value: `${protocol}/${port}`,
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
