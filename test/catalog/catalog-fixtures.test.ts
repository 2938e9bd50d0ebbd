import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  builtInCatalog,
  compileCatalog,
  formatIssues,
  type InventorySnapshot,
  inventorySnapshotSchema,
  matchInventory,
} from '../../shared/index.ts';

/**
 * Every client has positive fixtures per platform and install style that must produce exactly that
 * client, and look-alike fixtures that must produce nothing (test/fixtures/catalog/<id>.yaml).
 */
const root = join(import.meta.dirname, '../..');
const fixtureDir = join(root, 'test/fixtures/catalog');
const bundle = builtInCatalog();
const index = compileCatalog(bundle);

type FixtureCase = {
  name: string;
  snapshot: Omit<InventorySnapshot, 'schema' | 'collectedAt'>;
  expect: string[];
};

function loadCases(file: string): FixtureCase[] {
  const doc = parse(readFileSync(join(fixtureDir, file), 'utf8')) as { cases?: FixtureCase[] };
  if (!Array.isArray(doc?.cases) || doc.cases.length === 0) throw new Error(`${file}: no cases`);
  return doc.cases;
}

function toSnapshot(file: string, c: FixtureCase): InventorySnapshot {
  const result = inventorySnapshotSchema.safeParse({
    schema: 'imscout.inventory/v1',
    collectedAt: '2026-11-22T10:00:00.000Z',
    ...c.snapshot,
  });
  if (!result.success)
    throw new Error(
      `${file} "${c.name}": invalid snapshot: ${formatIssues(result.error, c.snapshot).join('; ')}`,
    );
  return result.data;
}

const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml'));
const ids = new Set(bundle.entries.map((e) => e.id));

describe.each(files)('fixtures %s', (file) => {
  const cases = loadCases(file);
  it('belong to a catalog entry', () => {
    expect(ids.has(file.replace(/\.yaml$/, ''))).toBe(true);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const findings = matchInventory(index, toSnapshot(file, c));
    expect(findings.map((f) => f.client).sort()).toEqual([...c.expect].sort());
  });
});

describe('every entry', () => {
  const allCases = new Map(files.map((f) => [f.replace(/\.yaml$/, ''), loadCases(f)]));
  const clients = bundle.entries.filter((e) => !e.deprecated && e.category !== 'protocol');

  it.each(clients.map((e) => [e.id, e] as const))(
    '%s has a positive fixture for each of its platforms',
    (id, entry) => {
      const cases = allCases.get(id) ?? [];
      for (const os of entry.platforms) {
        const positives = cases.filter((c) => c.snapshot.device.os === os && c.expect.includes(id));
        expect(positives.length, `${id}: no positive fixture on ${os}`).toBeGreaterThan(0);
      }
    },
  );

  it.each(clients.map((e) => [e.id, e] as const))('%s names a source for every fact', (_id, entry) => {
    expect(Object.keys(entry.sources).length).toBeGreaterThan(0);
    for (const source of Object.values(entry.sources)) expect(source.url).toMatch(/^https?:\/\//);
  });
});

/** The coverage list lives beside the checkout (../shared); a copy in the repo keeps clean clones testable. */
function coverageText(): string {
  const beside = join(root, '../shared/catalog-coverage.md');
  const copy = join(root, 'test/fixtures/catalog-coverage.md');
  if (existsSync(beside)) {
    expect(
      readFileSync(copy, 'utf8'),
      'test/fixtures/catalog-coverage.md is stale: copy ../shared/catalog-coverage.md',
    ).toBe(readFileSync(beside, 'utf8'));
  }
  return readFileSync(copy, 'utf8');
}

describe('coverage list', () => {
  const rows = [...coverageText().matchAll(/^\| ([a-z0-9-]+) \| [^|]+ \| ([a-z, ]+) \|$/gm)]
    .map((m) => ({
      id: m[1] as string,
      platforms: (m[2] as string).split(',').map((p) => p.trim()),
    }))
    .filter((r) => r.id !== 'id');
  const protocolIds = [...coverageText().matchAll(/^\| ([a-z]+-protocol) \|/gm)].map((m) => m[1] as string);

  it('is parsed', () => {
    expect(rows.length).toBeGreaterThanOrEqual(81);
    expect(protocolIds).toHaveLength(5);
  });

  it.each(rows.map((r) => [r.id, r] as const))(
    '%s is in the catalog with every platform listed',
    (id, row) => {
      const entry = bundle.entries.find((e) => e.id === id);
      expect(entry, `${id} missing from the catalog`).toBeDefined();
      // A platform no source covers may be waived, with the reason recorded in the entry.
      const covered = [...(entry?.platforms ?? []), ...(entry?.waivers ?? []).map((w) => w.platform)];
      for (const os of row.platforms) expect(covered, `${id} on ${os}`).toContain(os);
    },
  );

  it.each(protocolIds)('%s is in the catalog', (id) => {
    expect(bundle.entries.find((e) => e.id === id)?.category).toBe('protocol');
  });
});
