import type { Platform } from '../catalog/catalog-schema.ts';
import type { ProcessRecord } from '../inventory-schema.ts';
import { interpretedProgram, isInterpreterName } from './command-line.ts';
import {
  type CompiledRule,
  type FieldIndex,
  type MatchIndex,
  type ProcessAnchor,
  prefixKey,
  type ValueSet,
} from './match-index.ts';
import { baseName, isCaseInsensitive, normalizePath } from './path-pattern.ts';

/** The values of one process that rules are tested against, normalised once for its OS. */
type ProcessKeys = {
  readonly proc: ProcessRecord;
  readonly names: string[];
  /** A Linux comm of exactly 15 characters may be a longer name cut short. */
  readonly truncated: string | undefined;
  readonly paths: string[];
  /** Last part of each of `paths`, the lookup key of path rules. */
  readonly pathBases: string[];
  readonly caseInsensitive: boolean;
};

export type RuleHit = {
  readonly rule: CompiledRule<ProcessAnchor>;
  /** The catalog value of the strongest field that matched. */
  readonly value: string;
};

const linuxCommLength = 15;

/** The executable's file name; most processes are named after it, which saves the search. */
export function exeBaseName(proc: ProcessRecord): string | undefined {
  const path = proc.path;
  if (!path) return undefined;
  const name = proc.name;
  const cut = path.length - name.length - 1;
  if (cut >= 0 && path.endsWith(name) && (path[cut] === '/' || path[cut] === '\\')) return name;
  return baseName(path);
}

/** argv[0] of a command line without splitting all of it (the common case needs nothing more). */
export function firstArgument(cmd: string): string {
  if (cmd.startsWith('"')) {
    const end = cmd.indexOf('"', 1);
    return end === -1 ? cmd.slice(1) : cmd.slice(1, end);
  }
  const end = cmd.indexOf(' ');
  return end === -1 ? cmd : cmd.slice(0, end);
}

function addName(keys: ProcessKeys, name: string): void {
  const folded = keys.caseInsensitive ? name.toLowerCase() : name;
  if (folded && !keys.names.includes(folded)) keys.names.push(folded);
}

function addPath(keys: ProcessKeys, os: Platform, path: string): void {
  const normalized = normalizePath(os, path);
  const base = baseName(normalized);
  keys.paths.push(normalized);
  keys.pathBases.push(base);
  addName(keys, base);
}

function processKeys(os: Platform, proc: ProcessRecord): ProcessKeys {
  const keys: ProcessKeys = {
    proc,
    names: [],
    truncated: os === 'linux' && proc.name.length === linuxCommLength ? proc.name : undefined,
    paths: [],
    pathBases: [],
    caseInsensitive: isCaseInsensitive(os),
  };
  addName(keys, proc.name);
  if (proc.path) addPath(keys, os, proc.path);
  const exeBase = keys.pathBases[0];
  const interpreted = isInterpreterName(proc.name) || (exeBase !== undefined && isInterpreterName(exeBase));
  if (proc.cmd) {
    if (interpreted) {
      const program = interpretedProgram(proc.cmd);
      if (program && /[/\\]/.test(program)) addPath(keys, os, program);
      else if (program) addName(keys, program);
    } else if (!proc.path) {
      // Without a readable executable (another user's process, no root), argv[0] is the best name left.
      const argv0 = firstArgument(proc.cmd);
      if (argv0) addName(keys, baseName(argv0));
    }
  }
  return keys;
}

/** The process's value for a single-valued field, normalised; computed only when a rule asks. */
function singleValues(keys: ProcessKeys, field: ProcessAnchor): readonly string[] | undefined {
  const { proc } = keys;
  let value: string | null | undefined;
  switch (field) {
    case 'originalFilename':
    case 'productName':
    case 'companyName':
    case 'fileDescription':
      value = proc.fileInfo?.[field];
      break;
    case 'bundleId':
      value = proc.bundleId;
      break;
    case 'signer':
      return proc.signer ? signerNames(proc.signer) : undefined;
    case 'package':
      return proc.package ? [proc.package] : undefined;
    default:
      return undefined;
  }
  return value ? [value.toLowerCase()] : undefined;
}

/**
 * A signer may arrive as a plain name, a Team ID, an X.500 subject (`CN=…, O=…`) or an Apple
 * authority (`Developer ID Application: Name (TEAMID)`): every form's names are candidates.
 */
const signerCache = new Map<string, readonly string[]>();
const signerCacheLimit = 4096;

function signerNames(signer: string): readonly string[] {
  let names = signerCache.get(signer);
  if (!names) {
    names = parseSignerNames(signer);
    if (signerCache.size >= signerCacheLimit) signerCache.clear();
    signerCache.set(signer, names);
  }
  return names;
}

function parseSignerNames(signer: string): string[] {
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
  for (const [field, set] of rule.fieldList) {
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
      value = valueIn(set, singleValues(keys, field) ?? []);
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
): CompiledRule<ProcessAnchor>[] {
  const found: CompiledRule<ProcessAnchor>[] = [];
  const add = (rules: readonly CompiledRule<ProcessAnchor>[] | undefined) => {
    if (rules) for (const rule of rules) if (!found.includes(rule)) found.push(rule);
  };
  for (const [field, map] of index.valueTables) {
    const values =
      field === 'name' ? keys.names : field === 'path' ? keys.pathBases : singleValues(keys, field);
    if (values) for (const value of values) add(map.get(value));
  }
  for (const [field, map] of index.prefixTables) {
    for (const value of (field === 'name' ? keys.names : singleValues(keys, field)) ?? []) {
      const key = prefixKey(field, value);
      if (key !== undefined) add(map.get(key));
    }
  }
  if (keys.truncated !== undefined) add(truncated.get(keys.truncated));
  add(index.scanned);
  return found;
}

const noHits: readonly RuleHit[] = Object.freeze([]);

/** Every catalog rule that one process satisfies, at most one (the strongest) per client. */
export function matchProcess(index: MatchIndex, os: Platform, proc: ProcessRecord): readonly RuleHit[] {
  const keys = processKeys(os, proc);
  let hits: RuleHit[] | undefined;
  for (const rule of candidates(index.processes[os], index.truncatedNames, keys)) {
    const value = verify(rule, keys);
    if (value === undefined) continue;
    hits ??= [];
    const previous = hits.findIndex((h) => h.rule.entry === rule.entry);
    if (previous === -1) hits.push({ rule, value });
    else if (rank(rule) > rank((hits[previous] as RuleHit).rule)) hits[previous] = { rule, value };
  }
  return hits ?? noHits;
}

const confidenceRank = { high: 3, medium: 2, low: 1 } as const;
function rank(rule: CompiledRule<ProcessAnchor>): number {
  return confidenceRank[rule.confidence] * 10 + rule.fields.size;
}
