import { describe, expect, it } from 'vitest';
import {
  catalogEntrySchema,
  compileCatalog,
  type DeviceOs,
  type InventorySnapshot,
  matchInventory,
  maxEvidencePerFinding,
  type ProcessRecord,
} from '../../../shared/index.ts';
import { testCatalog } from './test-catalog.ts';

const index = compileCatalog(testCatalog);

function snapshot(os: DeviceOs, parts: Partial<InventorySnapshot>): InventorySnapshot {
  return {
    schema: 'imscout.inventory/v1',
    collectedAt: '2026-11-22T10:00:00.000Z',
    device: { hostname: 'h', os },
    ...parts,
  };
}
const proc = (p: Partial<ProcessRecord> & { pid: number; name: string }): ProcessRecord => p;
const clients = (os: DeviceOs, parts: Partial<InventorySnapshot>) =>
  matchInventory(index, snapshot(os, parts)).map((f) => f.client);

describe('process names', () => {
  it('match exactly, never as substrings', () => {
    expect(clients('linux', { processes: [proc({ pid: 1, name: 'chatter-desktop' })] })).toEqual(['chatter']);
    for (const name of ['chatter', 'chatter-desktop2', 'xchatter-desktop', 'chatter-desktop.sh']) {
      expect(clients('linux', { processes: [proc({ pid: 1, name })] })).toEqual([]);
    }
  });

  it('fold case on windows and macos but not on linux', () => {
    expect(clients('windows', { processes: [proc({ pid: 1, name: 'CHATTER.EXE' })] })).toEqual(['chatter']);
    expect(clients('linux', { processes: [proc({ pid: 1, name: 'Chatter-Desktop' })] })).toEqual([]);
  });

  it('recognise a Linux comm cut to 15 characters', () => {
    expect(clients('linux', { processes: [proc({ pid: 1, name: 'chatterbox-mess' })] })).toEqual(['chatter']);
    // Only a name of exactly 15 characters can have been cut.
    expect(clients('linux', { processes: [proc({ pid: 1, name: 'chatterbox-mes' })] })).toEqual([]);
  });

  it('see through an interpreter to the script it runs', () => {
    const found = clients('linux', {
      processes: [
        proc({
          pid: 1,
          name: 'python3',
          path: '/usr/bin/python3.11',
          cmd: 'python3 -u /usr/bin/pyjabber --verbose',
        }),
      ],
    });
    expect(found).toEqual(['pyjabber']);
    expect(
      clients('linux', { processes: [proc({ pid: 1, name: 'python3', cmd: 'python3 -m pyjabber' })] }),
    ).toEqual(['pyjabber']);
    // An editor opening a file of that name is not the client.
    expect(
      clients('linux', { processes: [proc({ pid: 1, name: 'vim', cmd: 'vim /usr/bin/pyjabber' })] }),
    ).toEqual([]);
  });
});

describe('strong identifiers', () => {
  it('find a renamed Windows executable by its version resource, with high confidence', () => {
    const [finding] = matchInventory(
      index,
      snapshot('windows', {
        processes: [
          proc({
            pid: 7,
            name: 'notepad2.exe',
            fileInfo: { originalFilename: 'chatter.exe', companyName: 'CHATTER LTD' },
          }),
        ],
      }),
    );
    expect(finding?.client).toBe('chatter');
    expect(finding?.confidence).toBe('high');
    expect(finding?.evidence[0]).toMatchObject({
      kind: 'process',
      pid: 7,
      matched: 'windows.originalFilename',
    });
  });

  it('require every field of a rule: the version resource without the company is not enough', () => {
    expect(
      clients('windows', {
        processes: [proc({ pid: 7, name: 'x.exe', fileInfo: { originalFilename: 'Chatter.exe' } })],
      }),
    ).toEqual([]);
  });

  it('read signers in every form an OS reports them', () => {
    for (const signer of ['Chatter Ltd', 'CN=Chatter Ltd, O=Chatter Ltd, L=London, C=GB']) {
      expect(clients('windows', { processes: [proc({ pid: 1, name: 'x.exe', signer })] })).toEqual([
        'chatter',
      ]);
    }
  });

  it('match macOS helper bundles by bundle-id prefix', () => {
    const found = matchInventory(
      index,
      snapshot('macos', {
        processes: [
          proc({ pid: 3, name: 'Chatter Helper (GPU)', bundleId: 'com.chatter.desktop.helper.GPU' }),
        ],
      }),
    );
    expect(found[0]).toMatchObject({ client: 'chatter', confidence: 'high' });
    expect(
      clients('macos', { processes: [proc({ pid: 3, name: 'x', bundleId: 'com.chatter.desktopx' })] }),
    ).toEqual([]);
  });

  it('match per-user path patterns for any user, with the rule named', () => {
    const found = matchInventory(
      index,
      snapshot('windows', {
        processes: [
          proc({
            pid: 5,
            name: 'Update.exe',
            path: 'D:\\Users\\bob\\AppData\\Local\\Chatter\\Update.exe',
            user: 'bob',
          }),
        ],
      }),
    );
    expect(found[0]?.evidence[0]).toMatchObject({ matched: 'windows.path', helper: true, user: 'bob' });
    // The same shared helper elsewhere belongs to nobody.
    expect(
      clients('windows', {
        processes: [
          proc({ pid: 5, name: 'Update.exe', path: 'C:\\Users\\bob\\AppData\\Local\\Other\\Update.exe' }),
        ],
      }),
    ).toEqual([]);
    expect(
      clients('linux', {
        processes: [proc({ pid: 5, name: 'x', path: '/home/carol/.local/share/chatter/chatter' })],
      }),
    ).toEqual(['chatter']);
    expect(
      clients('linux', {
        processes: [proc({ pid: 5, name: 'x', path: '/home/carol/.local/share/CHATTER/chatter' })],
      }),
    ).toEqual([]);
  });

  it('match the owning Linux package, snap or flatpak', () => {
    expect(
      clients('linux', { processes: [proc({ pid: 5, name: 'x', package: 'com.chatter.Desktop' })] }),
    ).toEqual(['chatter']);
  });
});

describe('one finding per client', () => {
  it('gathers every process, socket and install into one finding, strongest confidence wins', () => {
    const findings = matchInventory(
      index,
      snapshot('linux', {
        processes: [
          proc({ pid: 10, name: 'chatter-desktop', path: '/opt/Chatter/chatter', user: 'alice' }),
          proc({ pid: 11, name: 'chatter-desktop', path: '/opt/Chatter/chatter', user: 'alice' }),
        ],
        listening: [{ protocol: 'tcp', address: '127.0.0.1', port: 31337, pid: 10 }],
        connections: [
          { protocol: 'tcp', remoteAddress: '203.0.113.9', remotePort: 443, pid: 11 },
          { protocol: 'tcp', remoteAddress: '198.51.100.1', remotePort: 443, pid: 11 },
        ],
        apps: [{ name: 'chatter-desktop', version: '1.2', source: 'dpkg' }],
      }),
    );
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ client: 'chatter', confidence: 'high', running: true, installed: true });
    expect(f?.evidence.map((e) => e.kind)).toEqual([
      'process',
      'process',
      'listening-port',
      'connection',
      'installed-app',
    ]);
    expect(f?.evidence[3]).toMatchObject({
      matched: 'network.cidr',
      value: '203.0.113.0/24',
      remoteAddress: '203.0.113.9',
    });
  });

  it('says installed-but-not-running for an install alone', () => {
    const [f] = matchInventory(
      index,
      snapshot('linux', {
        apps: [
          {
            name: 'Chatter',
            path: '/usr/share/applications/com.chatter.Desktop.desktop',
            source: 'desktop-file',
          },
        ],
      }),
    );
    expect(f).toMatchObject({ client: 'chatter', running: false, installed: true, confidence: 'high' });
    expect(f?.evidence[0]).toMatchObject({
      kind: 'installed-app',
      matched: 'linux.app.desktopFile',
      appSource: 'desktop-file',
    });
  });

  it('names forks in the finding', () => {
    const [f] = matchInventory(index, snapshot('linux', { processes: [proc({ pid: 1, name: 'vesktter' })] }));
    expect(f).toMatchObject({ client: 'chatter', name: 'Chatter (Vesktter)', confidence: 'medium' });
  });

  it('bounds the evidence of a noisy finding and counts the rest', () => {
    const processes = Array.from({ length: 80 }, (_, i) => proc({ pid: 100 + i, name: 'chatter-desktop' }));
    const [f] = matchInventory(index, snapshot('linux', { processes }));
    expect(f?.evidence).toHaveLength(maxEvidencePerFinding);
    expect(f?.evidenceOmitted).toBe(80 - maxEvidencePerFinding);
  });
});

describe('network', () => {
  it('reports an unexplained IRC connection as a protocol finding with low confidence', () => {
    const findings = matchInventory(
      index,
      snapshot('linux', {
        processes: [proc({ pid: 9, name: 'mystery' })],
        connections: [{ protocol: 'tcp', remoteAddress: '192.0.2.1', remotePort: 6697, pid: 9 }],
      }),
    );
    expect(findings).toMatchObject([
      { client: 'irc-protocol', confidence: 'low', running: true, installed: false },
    ]);
    expect(findings[0]?.evidence[0]).toMatchObject({
      kind: 'connection',
      name: 'mystery',
      matched: 'network.remotePort',
    });
  });

  it('does not report a port again when a client explains it', () => {
    const findings = matchInventory(
      index,
      snapshot('linux', {
        processes: [proc({ pid: 9, name: 'chatter-desktop' })],
        listening: [{ protocol: 'tcp', address: '0.0.0.0', port: 6667, pid: 9 }],
        connections: [{ protocol: 'tcp', remoteAddress: '192.0.2.1', remotePort: 6697, pid: 9 }],
      }),
    );
    expect(findings.map((f) => f.client)).toEqual(['chatter']);
    expect(findings[0]?.evidence.map((e) => e.kind)).toEqual(['process', 'listening-port', 'connection']);
  });

  it('attributes a connection to a published range even from an unknown process, and matches IPv6 and mapped IPv4', () => {
    for (const remoteAddress of ['203.0.113.200', '::ffff:203.0.113.7', '2001:db8:c4a7:1::5']) {
      expect(
        clients('macos', { connections: [{ protocol: 'tcp', remoteAddress, remotePort: 443 }] }),
      ).toEqual(['chatter']);
    }
    expect(
      clients('macos', { connections: [{ protocol: 'tcp', remoteAddress: '203.0.114.1', remotePort: 443 }] }),
    ).toEqual([]);
  });

  it('reports a listener on an IM port whose owner is unknown', () => {
    expect(clients('linux', { listening: [{ protocol: 'tcp', address: '0.0.0.0', port: 6667 }] })).toEqual([
      'irc-protocol',
    ]);
    expect(clients('linux', { listening: [{ protocol: 'udp', address: '0.0.0.0', port: 6667 }] })).toEqual(
      [],
    );
  });
});

describe('determinism', () => {
  it('gives the same result whatever the order of the inventory', () => {
    const processes = [proc({ pid: 2, name: 'pyjabber' }), proc({ pid: 1, name: 'chatter-desktop' })];
    const a = matchInventory(index, snapshot('linux', { processes }));
    const b = matchInventory(index, snapshot('linux', { processes: processes.toReversed() }));
    expect(a).toEqual(b);
    expect(a.map((f) => f.client)).toEqual(['chatter', 'pyjabber']);
  });
});

describe('executables found on disk', () => {
  it('count as installed through the client path rules, for the user whose profile holds them', () => {
    const [f] = matchInventory(
      index,
      snapshot('windows', {
        apps: [
          {
            name: 'Update.exe',
            path: 'C:\\Users\\bob\\AppData\\Local\\Chatter\\Update.exe',
            source: 'user-profile-scan',
            user: 'bob',
          },
        ],
      }),
    );
    expect(f).toMatchObject({ client: 'chatter', running: false, installed: true });
    expect(f?.evidence[0]).toMatchObject({
      kind: 'installed-app',
      matched: 'windows.path',
      user: 'bob',
      helper: true,
    });
  });

  it('are not attributed by name alone', () => {
    const apps = [
      { name: 'Chatter.exe', path: 'C:\\Users\\bob\\Downloads\\Chatter.exe', source: 'user-profile-scan' },
    ];
    expect(clients('windows', { apps })).toEqual([]);
  });
});

describe('one match per process identity', () => {
  it('keeps interpreters running different programs apart within one scan', () => {
    const python = { name: 'python3', path: '/usr/bin/python3.11' };
    const [f, ...rest] = matchInventory(
      index,
      snapshot('linux', {
        processes: [
          proc({ pid: 1, ...python, cmd: 'python3 /srv/worker.py --id 1' }),
          proc({ pid: 2, ...python, cmd: 'python3 /usr/bin/pyjabber' }),
          proc({ pid: 3, ...python, cmd: 'python3 /srv/worker.py --id 2' }),
          proc({ pid: 4, ...python, cmd: 'python3 /usr/bin/pyjabber --debug' }),
        ],
      }),
    );
    expect(rest).toEqual([]);
    expect(f?.evidence.map((e) => e.pid)).toEqual([2, 4]);
  });
});

describe('network rule refinements', () => {
  const src = { t: { url: 'https://example.org/x', title: 'x', retrieved: '2026-11-22' } };
  const custom = compileCatalog({
    schema: 'imscout.catalog/v1',
    version: 't',
    entries: [
      catalogEntrySchema.parse({
        id: 'meet',
        name: 'Meet',
        vendor: 'V',
        category: 'conferencing',
        description: 'd',
        platforms: ['linux'],
        defaultPolicy: 'monitored',
        linux: { processes: [{ name: ['meet'], source: 't' }] },
        network: [{ cidr: ['198.51.100.0/24'], remotePort: [3480], protocol: 'udp', source: 't' }],
        sources: src,
      }),
      catalogEntrySchema.parse({
        id: 'xmpp-protocol',
        name: 'XMPP',
        vendor: 'V',
        category: 'protocol',
        description: 'd',
        platforms: ['linux'],
        defaultPolicy: 'unsanctioned',
        network: [{ remotePort: [5223], exceptCidr: ['17.0.0.0/8'], protocol: 'tcp', source: 't' }],
        sources: src,
      }),
    ],
  });
  const ids = (connections: InventorySnapshot['connections']) =>
    matchInventory(custom, snapshot('macos', { connections })).map((f) => f.client);

  it('counts a range only on the ports its rule names', () => {
    expect(ids([{ protocol: 'udp', remoteAddress: '198.51.100.7', remotePort: 3480 }])).toEqual(['meet']);
    expect(ids([{ protocol: 'tcp', remoteAddress: '198.51.100.7', remotePort: 443 }])).toEqual([]);
  });

  it('ignores a port in the ranges of a documented non-IM service (Apple push on 5223)', () => {
    expect(ids([{ protocol: 'tcp', remoteAddress: '17.57.146.53', remotePort: 5223 }])).toEqual([]);
    expect(ids([{ protocol: 'tcp', remoteAddress: '192.0.2.9', remotePort: 5223 }])).toEqual([
      'xmpp-protocol',
    ]);
  });
});
