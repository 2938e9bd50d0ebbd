import type { Platform } from '../catalog/catalog-schema.ts';
import type { InstalledApp } from '../inventory-schema.ts';
import {
  type AppAnchor,
  type CompiledRule,
  type MatchIndex,
  prefixKey,
  type ValueSet,
} from './match-index.ts';
import { baseName, isCaseInsensitive, normalizePath } from './path-pattern.ts';

/** Sources whose app `name` is a package, snap or flatpak id. */
const packageSources = new Set(['dpkg', 'rpm', 'snap', 'flatpak', 'pacman', 'apk']);

type AppKeys = Partial<Record<Exclude<AppAnchor, 'path'>, readonly string[]>> & {
  readonly name: readonly string[];
  readonly paths: readonly string[];
};

export type AppRuleHit = { readonly rule: CompiledRule<AppAnchor>; readonly value: string };

function appKeys(os: Platform, app: InstalledApp): AppKeys {
  const fileFold = isCaseInsensitive(os) ? (v: string) => v.toLowerCase() : (v: string) => v;
  const isPackage = app.source ? packageSources.has(app.source) : false;
  return {
    name: [app.name.toLowerCase()],
    publisher: app.publisher ? [app.publisher.toLowerCase()] : undefined,
    bundleId: app.bundleId ? [app.bundleId.toLowerCase()] : undefined,
    package: isPackage ? [app.name] : undefined,
    desktopFile: app.source === 'desktop-file' && app.path ? [fileFold(baseName(app.path))] : undefined,
    paths: app.path ? [normalizePath(os, app.path)] : [],
  };
}

function valueIn(set: ValueSet, values: readonly string[] | undefined): string | undefined {
  for (const value of values ?? []) {
    if (set.exact.has(value)) return value;
    for (const prefix of set.prefixes) if (value.startsWith(prefix)) return `${prefix}*`;
  }
  return undefined;
}

function verify(rule: CompiledRule<AppAnchor>, keys: AppKeys): string | undefined {
  let strongestValue: string | undefined;
  for (const [field, set] of rule.fieldList) {
    let value: string | undefined;
    if (field === 'path') value = rule.paths.find((p) => keys.paths.some((path) => p.test(path)))?.pattern;
    else if (field === 'name') {
      value = valueIn(set, keys.name);
      const name = keys.name[0] as string;
      if (value === undefined) value = rule.namePatterns.find((p) => p.regexp.test(name))?.pattern;
    } else value = valueIn(set, keys[field]);
    if (value === undefined) return undefined;
    if (field === rule.strongest) strongestValue = value;
  }
  return strongestValue;
}

/** Every catalog rule an installed app satisfies, at most one per client. */
export function matchApp(index: MatchIndex, os: Platform, app: InstalledApp): AppRuleHit[] {
  const keys = appKeys(os, app);
  const table = index.apps[os];
  const found = new Set<CompiledRule<AppAnchor>>(table.scanned);
  for (const [field, map] of table.valueTables) {
    const values = field === 'path' ? keys.paths.map(baseName) : keys[field];
    for (const value of values ?? []) for (const rule of map.get(value) ?? []) found.add(rule);
  }
  for (const [field, map] of table.prefixTables) {
    const values = field === 'path' ? [] : keys[field];
    for (const value of values ?? []) {
      const key = prefixKey(field, value);
      if (key !== undefined) for (const rule of map.get(key) ?? []) found.add(rule);
    }
  }
  const best = new Map<number, AppRuleHit>();
  for (const rule of found) {
    const value = verify(rule, keys);
    if (value === undefined) continue;
    const previous = best.get(rule.entry);
    if (!previous || (previous.rule.confidence !== 'high' && rule.confidence === 'high'))
      best.set(rule.entry, { rule, value });
  }
  return [...best.values()];
}
