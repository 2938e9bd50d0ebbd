import { describe, expect, it } from 'vitest';
import {
  type CatalogEntryInput,
  catalogEntrySchema,
  formatIssues,
  lintCatalog,
} from '../../../shared/index.ts';

const source = { s: { url: 'https://example.org/x', title: 'x', retrieved: '2026-11-22' } };
const base: CatalogEntryInput = {
  id: 'chatter',
  name: 'Chatter',
  vendor: 'Chatter Ltd',
  category: 'consumer-im',
  description: 'test',
  platforms: ['linux'],
  defaultPolicy: 'unsanctioned',
  risk: {
    e2ee: 'none',
    fileTransfer: true,
    peerToPeer: false,
    federation: false,
    serverLocation: 'x',
    source: 's',
  },
  linux: { processes: [{ name: ['chatter'], source: 's' }], apps: [] },
  sources: source,
};
const entry = (patch: Partial<CatalogEntryInput>) => catalogEntrySchema.parse({ ...base, ...patch });
const errors = (...entries: Partial<CatalogEntryInput>[]) =>
  lintCatalog(entries.map(entry))
    .filter((f) => f.level === 'error')
    .map((f) => f.message);

describe('catalog schema', () => {
  it('accepts a complete entry', () => {
    expect(catalogEntrySchema.safeParse(base).success).toBe(true);
  });

  it.each([
    [
      'an unknown key, so a typo never silently disables a rule',
      { ...base, linux: { processes: [{ nmae: ['x'], source: 's' }] } },
      'unknown field nmae',
    ],
    [
      'a rule naming a source the entry does not have',
      { ...base, linux: { processes: [{ name: ['x'], source: 'nope' }] } },
      'unknown source "nope"',
    ],
    [
      'a rule with nothing to match',
      { ...base, linux: { processes: [{ helper: true, source: 's' }] } },
      'at least one field',
    ],
    ['an id that is not lower-case words', { ...base, id: 'Chatter_App' }, 'lower-case words'],
    [
      'a source without a date',
      { ...base, sources: { s: { url: 'https://x.org', title: 'x' } } },
      'sources.s.retrieved',
    ],
    [
      'a waiver for a platform that is covered',
      { ...base, waivers: [{ platform: 'linux', reason: 'x' }] },
      'is covered, not waived',
    ],
  ])('refuses %s', (_what, input, message) => {
    const result = catalogEntrySchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error, input, 20).join('\n')).toContain(message);
  });
});

describe('catalog lint', () => {
  it('passes a sound entry', () => {
    expect(errors({})).toEqual([]);
  });

  it('rejects signatures that match almost anything', () => {
    expect(errors({ linux: { processes: [{ name: ['node'], source: 's' }], apps: [] } })).toEqual([
      'linux.processes[0]: "node" is too generic on its own',
    ]);
    expect(errors({ network: [{ remotePort: [443], source: 's' }] })).toEqual([
      'network[0]: port 443 on its own identifies nothing',
    ]);
    expect(errors({ network: [{ cidr: ['10.0.0.0/8'], source: 's' }] })).toEqual([
      'network[0]: "10.0.0.0/8" is too broad',
    ]);
    expect(errors({ linux: { processes: [{ path: ['bin/chatter'], source: 's' }], apps: [] } })[0]).toMatch(
      /must start at/,
    );
    expect(
      errors({ linux: { processes: [{ path: ['/opt/chatter/*'], source: 's' }], apps: [] } })[0],
    ).toMatch(/literal file/);
  });

  it('accepts a generic name when a path pins it down', () => {
    expect(
      errors({
        linux: { processes: [{ name: ['node'], path: ['/opt/chatter/node'], source: 's' }], apps: [] },
      }),
    ).toEqual([]);
  });

  it('rejects a process name two clients claim, and a shared signer used alone', () => {
    expect(errors({}, { id: 'other' })).toEqual(['process name linux:chatter is claimed by several clients']);
    const signed = (id: string) => ({
      id,
      platforms: ['windows' as const],
      linux: undefined,
      windows: { processes: [{ signer: ['Tencent'], source: 's' }], apps: [] },
    });
    expect(errors(signed('a'), signed('b'))).toHaveLength(2);
  });

  it('holds platforms and signatures to each other', () => {
    expect(errors({ platforms: ['linux', 'macos'] })).toEqual([
      'lists platform macos but has no macos signatures',
    ]);
  });

  it('wants app names of three Latin letters, or two ideographs', () => {
    const apps = (name: string) => ({
      linux: { processes: [{ name: ['chatter'], source: 's' }], apps: [{ name: [name], source: 's' }] },
    });
    expect(errors(apps('QQ'))).toEqual(['linux.apps[0]: name "QQ" matches too much']);
    expect(errors(apps('微信'))).toEqual([]);
    expect(errors(apps('카톡'))).toEqual([]);
  });
});
