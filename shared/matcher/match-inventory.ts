import type { CatalogEntry } from '../catalog/catalog-schema.ts';
import type { InventorySnapshot, ProcessRecord } from '../inventory-schema.ts';
import type { Confidence, Evidence, Finding, ScanResult } from '../scan-schema.ts';
import { matchApp } from './match-apps.ts';
import type { MatchIndex } from './match-index.ts';
import { matchSockets, type SocketOwner } from './match-sockets.ts';
import { baseName, normalizePath } from './path-pattern.ts';
import { ProcessMatchCache } from './process-match-cache.ts';

/** Evidence kept per finding; the strongest first, the rest counted. */
export const maxEvidencePerFinding = 50;

type Accumulator = { entry: CatalogEntry; evidence: Evidence[] };

const confidenceRank: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
const kindRank: Record<Evidence['kind'], number> = {
  process: 0,
  'listening-port': 1,
  connection: 2,
  'installed-app': 3,
};

function processEvidence(proc: ProcessRecord): Pick<Evidence, 'pid' | 'name' | 'path' | 'user'> {
  return { pid: proc.pid, name: proc.name, path: proc.path ?? undefined, user: proc.user ?? undefined };
}

/**
 * Matches one inventory snapshot against the compiled catalog: one finding per client, each with
 * every piece of evidence and the rule that produced it. Pure and deterministic.
 */
export function matchInventory(index: MatchIndex, snapshot: InventorySnapshot): Finding[] {
  const os = snapshot.device.os;
  const found = new Map<number, Accumulator>();
  const add = (entry: number, evidence: Evidence) => {
    let acc = found.get(entry);
    if (!acc) {
      acc = { entry: index.entries[entry] as CatalogEntry, evidence: [] };
      found.set(entry, acc);
    }
    acc.evidence.push(evidence);
  };

  const owners = new Map<number, SocketOwner[]>();
  const cache = new ProcessMatchCache(index, os);
  for (const proc of snapshot.processes ?? []) {
    for (const hit of cache.hits(proc)) {
      add(hit.rule.entry, {
        kind: 'process',
        ...processEvidence(proc),
        matched: `${os}.${hit.rule.strongest}`,
        value: hit.value,
        confidence: hit.rule.confidence,
        ...(hit.rule.helper ? { helper: true } : {}),
        ...(hit.rule.variant ? { variant: hit.rule.variant } : {}),
      });
      const list = owners.get(proc.pid) ?? [];
      list.push({ entry: hit.rule.entry, name: proc.name });
      owners.set(proc.pid, list);
    }
  }

  for (const { entry, evidence } of matchSockets(index, snapshot, owners)) add(entry, evidence);

  for (const app of snapshot.apps ?? []) {
    const appEvidence = {
      kind: 'installed-app',
      name: app.name,
      version: app.version ?? undefined,
      path: app.path ?? undefined,
      user: app.user ?? undefined,
      appSource: app.source ?? undefined,
    } as const;
    const seen = new Set<number>();
    for (const hit of matchApp(index, os, app)) {
      seen.add(hit.rule.entry);
      add(hit.rule.entry, {
        ...appEvidence,
        matched: `${os}.app.${hit.rule.strongest}`,
        value: hit.value,
        confidence: hit.rule.confidence,
        ...(hit.rule.variant ? { variant: hit.rule.variant } : {}),
      });
    }
    // An executable found on disk at a catalog location: the client's path rules say whose it is.
    if (app.source === 'user-profile-scan' && app.path) {
      for (const hit of cache.hits({ pid: 0, name: baseName(app.path), path: app.path })) {
        if (seen.has(hit.rule.entry) || hit.rule.paths.length === 0) continue;
        add(hit.rule.entry, {
          ...appEvidence,
          matched: `${os}.path`,
          value:
            hit.rule.paths.find((p) => p.test(normalizePath(os, app.path as string)))?.pattern ?? hit.value,
          confidence: hit.rule.confidence,
          ...(hit.rule.helper ? { helper: true } : {}),
          ...(hit.rule.variant ? { variant: hit.rule.variant } : {}),
        });
      }
    }
  }

  return [...found.values()].map(toFinding).sort((a, b) => a.client.localeCompare(b.client));
}

function toFinding({ entry, evidence }: Accumulator): Finding {
  const sorted = evidence.toSorted(
    (a, b) =>
      kindRank[a.kind] - kindRank[b.kind] ||
      confidenceRank[b.confidence ?? 'low'] - confidenceRank[a.confidence ?? 'low'] ||
      (a.pid ?? 0) - (b.pid ?? 0) ||
      (a.name ?? '').localeCompare(b.name ?? ''),
  );
  const kept = sorted.length > maxEvidencePerFinding ? strongestFirst(sorted) : sorted;
  const confidence = evidence.reduce<Confidence>(
    (best, e) =>
      confidenceRank[e.confidence ?? 'low'] > confidenceRank[best] ? (e.confidence ?? 'low') : best,
    'low',
  );
  const variants = [...new Set(evidence.map((e) => e.variant).filter((v): v is string => Boolean(v)))];
  const finding: Finding = {
    client: entry.id,
    name: variants.length ? `${entry.name} (${variants.join(', ')})` : entry.name,
    category: entry.category,
    confidence,
    running: evidence.some((e) => e.kind !== 'installed-app'),
    installed: evidence.some(
      (e) => e.kind === 'installed-app' || (e.kind === 'process' && e.path !== undefined),
    ),
    evidence: kept,
  };
  if (kept.length < sorted.length) finding.evidenceOmitted = sorted.length - kept.length;
  return finding;
}

/** Keeps the strongest evidence of each kind when there is too much, in the original order. */
function strongestFirst(sorted: readonly Evidence[]): Evidence[] {
  const keep = new Set(
    sorted
      .toSorted((a, b) => confidenceRank[b.confidence ?? 'low'] - confidenceRank[a.confidence ?? 'low'])
      .slice(0, maxEvidencePerFinding),
  );
  return sorted.filter((e) => keep.has(e));
}

/** Wraps findings into the `imscout.scan/v1` document. */
export function scanSnapshot(index: MatchIndex, snapshot: InventorySnapshot): ScanResult {
  return {
    schema: 'imscout.scan/v1',
    catalogVersion: index.version,
    device: { hostname: snapshot.device.hostname, os: snapshot.device.os },
    findings: matchInventory(index, snapshot),
  };
}
