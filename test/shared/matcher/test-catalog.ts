import { type CatalogBundle, type CatalogEntryInput, catalogEntrySchema } from '../../../shared/index.ts';

/** A small catalog for matcher unit tests: every rule kind once, with made-up but plausible facts. */
const src = { t: { url: 'https://example.org/source', title: 'test source', retrieved: '2026-11-22' } };

const entries: CatalogEntryInput[] = [
  {
    id: 'chatter',
    name: 'Chatter',
    vendor: 'Chatter Ltd',
    category: 'consumer-im',
    description: 'test entry',
    platforms: ['windows', 'macos', 'linux'],
    defaultPolicy: 'unsanctioned',
    windows: {
      processes: [
        { name: ['Chatter.exe'], source: 't' },
        { originalFilename: ['Chatter.exe'], companyName: ['Chatter Ltd'], source: 't' },
        { path: ['%LOCALAPPDATA%\\Chatter\\Update.exe'], helper: true, source: 't' },
        { signer: ['Chatter Ltd'], source: 't' },
      ],
      apps: [{ name: ['Chatter Desktop*'], publisher: ['Chatter Ltd'], source: 't' }],
    },
    macos: {
      processes: [{ bundleId: ['com.chatter.desktop', 'com.chatter.desktop.helper*'], source: 't' }],
      apps: [{ bundleId: ['com.chatter.desktop'], source: 't' }],
    },
    linux: {
      processes: [
        { name: ['chatter-desktop', 'chatterbox-messenger'], source: 't' },
        { path: ['/opt/Chatter/chatter', '~/.local/share/chatter/chatter'], source: 't' },
        { package: ['chatter-desktop', 'com.chatter.Desktop'], source: 't' },
        { name: ['vesktter'], variant: 'Vesktter', source: 't' },
      ],
      apps: [
        { package: ['chatter-desktop', 'com.chatter.Desktop'], source: 't' },
        { desktopFile: ['com.chatter.Desktop.desktop'], source: 't' },
      ],
    },
    network: [{ cidr: ['203.0.113.0/24', '2001:db8:c4a7::/48'], source: 't' }],
    sources: src,
  },
  {
    id: 'pyjabber',
    name: 'PyJabber',
    vendor: 'PyJabber project',
    category: 'xmpp',
    description: 'test entry run by python',
    platforms: ['linux'],
    defaultPolicy: 'unsanctioned',
    linux: { processes: [{ name: ['pyjabber'], source: 't' }], apps: [] },
    sources: src,
  },
  {
    id: 'irc-protocol',
    name: 'IRC (unknown client)',
    vendor: 'IRC',
    category: 'protocol',
    description: 'protocol',
    platforms: ['windows', 'macos', 'linux'],
    defaultPolicy: 'unsanctioned',
    network: [{ remotePort: [6667, 6697], listenPort: [6667], protocol: 'tcp', source: 't' }],
    sources: src,
  },
];

export const testCatalog: CatalogBundle = {
  schema: 'imscout.catalog/v1',
  version: 'test.1',
  entries: entries.map((e) => catalogEntrySchema.parse(e)),
};
