import type { Platform } from '../catalog/catalog-schema.ts';
import type { ProcessRecord } from '../inventory-schema.ts';
import { interpretedProgram, isInterpreterName, splitCommandLine } from './command-line.ts';
import type { CompiledRule, FieldIndex, MatchIndex, ProcessAnchor, ValueSet } from './match-index.ts';
import { baseName, isCaseInsensitive, normalizePath } from './path-pattern.ts';

/** The values of one process that rules are tested against, normalised once for its OS. */
type ProcessKeys = {
  readonly names: readonly string[];
  /** A Linux comm of exactly 15 characters may be a longer name cut short. */
  readonly truncated: string | undefined;
  readonly paths: readonly string[];
  readonly single: Partial<Record<ProcessAnchor, readonly string[]>>;
};

export type RuleHit = {
  readonly rule: CompiledRule<ProcessAnchor>;
  /** The catalog value of the strongest field that matched. */
  readonly value: string;
};

const linuxCommLength = 15;

function processKeys(os: Platform, proc: ProcessRecord): ProcessKeys {
  const fold = isCaseInsensitive(os) ? (v: string) => v.toLowerCase() : (v: string) => v;
  const names = new Set<string>();
  const paths: string[] = [];
  if (proc.name) names.add(fold(proc.name));
  if (proc.path) {
    names.add(fold(baseName(proc.path)));
    paths.push(normalizePath(os, proc.path));
  }
  const interpreted =
    isInterpreterName(proc.name) || (proc.path ? isInterpreterName(baseName(proc.path)) : false);
  if (proc.cmd) {
    const args = splitCommandLine(proc.cmd);
    const argv0 = args[0];
    if (argv0 && !interpreted) names.add(fold(baseName(argv0)));
    const program = interpreted ? interpretedProgram(args) : undefined;
    if (program) {
      names.add(fold(baseName(program)));
      if (/[/\\]/.test(program)) paths.push(normalizePath(os, program));
    }
  }
  const lower = (v: string | null | undefined) => (v ? [v.toLowerCase()] : undefined);
  const info = proc.fileInfo;
  return {
    names: [...names],
    truncated: os === 'linux' && proc.name.length === linuxCommLength ? proc.name : undefined,
    paths,
    single: {
      originalFilename: lower(info?.originalFilename),
      productName: lower(info?.productName),
      companyName: lower(info?.companyName),
      fileDescription: lower(info?.fileDescription),
      signer: proc.signer ? signerNames(proc.signer) : undefined,
      bundleId: lower(proc.bundleId),
      package: proc.package ? [proc.package] : undefined,
    },
  };
}

/**
 * A signer may arrive as a plain name, a Team ID, an X.500 subject (`CN=…, O=…`) or an Apple
 * authority (`Developer ID Application: Name (TEAMID)`): every form's names are candidates.
 */
function signerNames(signer: string): string[] {
  const out = new Set([signer.toLowerCase()]);
  for (const match of signer.matchAll(/(?:^|,\s*)(?:CN|O)=("?)([^,"]+)\1/gi))
    out.add((match[2] as string).trim().toLowerCase());
  const apple =
    /^(?:Developer ID Application|Apple Development|Apple Distribution):\s*(.+?)\s*\(([A-Z0-9]{10})\)$/i.exec(
      signer,
    );
  if (apple) {
    out.add((apple[1] as string).toLowerCase());
    out.add((apple[2] as string).toLowerCase());
  }
  return [...out];
}

function valueIn(set: ValueSet, candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    if (set.exact.has(candidate)) return candidate;
    for (const prefix of set.prefixes) if (candidate.startsWith(prefix)) return `${prefix}*`;
  }
  return undefined;
}

/** Verifies every field of a candidate rule; returns the matched value of its strongest field. */
function verify(rule: CompiledRule<ProcessAnchor>, keys: ProcessKeys): string | undefined {
  let strongestValue: string | undefined;
  for (const [field, set] of rule.fields) {
    let value: string | undefined;
    if (field === 'path') {
      value = rule.paths.find((p) => keys.paths.some((path) => p.test(path)))?.pattern;
    } else if (field === 'name') {
      value = valueIn(set, keys.names);
      if (value === undefined && keys.truncated !== undefined) {
        const cut = keys.truncated;
        value = [...set.exact].find((name) => name.length > linuxCommLength && name.startsWith(cut));
      }
    } else {
      value = valueIn(set, keys.single[field] ?? []);
    }
    if (value === undefined) return undefined;
    if (field === rule.strongest) strongestValue = value;
  }
  return strongestValue;
}

function candidates(
  index: FieldIndex<ProcessAnchor>,
  truncated: MatchIndex['truncatedNames'],
  keys: ProcessKeys,
) {
  const found = new Set<CompiledRule<ProcessAnchor>>();
  const add = (rules: readonly CompiledRule<ProcessAnchor>[] | undefined) => {
    if (rules) for (const rule of rules) found.add(rule);
  };
  for (const [field, map] of index.byValue) {
    if (field === 'name') for (const name of keys.names) add(map.get(name));
    else if (field === 'path') for (const path of keys.paths) add(map.get(baseName(path)));
    else for (const value of keys.single[field] ?? []) add(map.get(value));
  }
  if (keys.truncated !== undefined) add(truncated.get(keys.truncated));
  add(index.scanned);
  return found;
}

/** Every catalog rule that one process satisfies, at most one (the strongest) per client. */
export function matchProcess(index: MatchIndex, os: Platform, proc: ProcessRecord): RuleHit[] {
  const keys = processKeys(os, proc);
  const best = new Map<number, RuleHit>();
  for (const rule of candidates(index.processes[os], index.truncatedNames, keys)) {
    const value = verify(rule, keys);
    if (value === undefined) continue;
    const previous = best.get(rule.entry);
    if (!previous || rank(rule) > rank(previous.rule)) best.set(rule.entry, { rule, value });
  }
  return [...best.values()];
}

const confidenceRank = { high: 3, medium: 2, low: 1 } as const;
function rank(rule: CompiledRule<ProcessAnchor>): number {
  return confidenceRank[rule.confidence] * 10 + rule.fields.size;
}
