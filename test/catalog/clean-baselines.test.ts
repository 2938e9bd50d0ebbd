import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtInCatalog,
  compileCatalog,
  inventorySnapshotSchema,
  matchInventory,
} from '../../shared/index.ts';

/**
 * Real machines without IM clients (test/fixtures/baselines/*.json): their hundreds of packages,
 * services and sockets must match nothing. A signature that fires here is too loose.
 */
const dir = join(import.meta.dirname, '../fixtures/baselines');
const index = compileCatalog(builtInCatalog());
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('clean baselines', () => {
  it('exist for every OS', () => {
    const oses = new Set(
      files.map(
        (f) => inventorySnapshotSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))).device.os,
      ),
    );
    expect([...oses].sort()).toEqual(['linux', 'macos', 'windows']);
  });

  it.each(files)('%s matches nothing', (file) => {
    const snapshot = inventorySnapshotSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect((snapshot.processes?.length ?? 0) + (snapshot.apps?.length ?? 0)).toBeGreaterThan(20);
    const findings = matchInventory(index, snapshot);
    expect(
      findings.map(
        (f) => `${f.client}: ${f.evidence.map((e) => `${e.matched}=${e.value} (${e.name})`).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
