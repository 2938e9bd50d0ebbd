import type { AppRule, Platform, ProcessRule } from '../catalog/catalog-schema.ts';
import type { Confidence } from '../scan-schema.ts';
import { type CompiledPathPattern, compilePathPattern } from './path-pattern.ts';

/**
 * One catalog rule compiled for one OS: its values normalised the way that OS compares them,
 * path patterns turned into tests, and the confidence its strongest field gives a match.
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
export const processAnchorOrder: readonly ProcessAnchor[] = [
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
export const appAnchorOrder: readonly AppAnchor[] = [
  'bundleId',
  'package',
  'desktopFile',
  'path',
  'name',
  'publisher',
];

/** Strength of each field: the strongest field of a rule sets the confidence of its match. */
export const processFieldRank: Record<ProcessAnchor, number> = {
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
export const appFieldRank: Record<AppAnchor, number> = {
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

type RuleFields = ProcessRule | AppRule;

export function compileRule<F extends string>(options: {
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
