import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The macOS process provider against recorded ps-list, dscl, plutil and codesign outputs. */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/darwin/${name}`, import.meta.url), 'utf8');

const mocks = vi.hoisted(() => ({
  psList: vi.fn(),
  runCommand: vi.fn(),
  runCommandOutput: vi.fn(),
  stat: vi.fn(),
}));
vi.mock('ps-list', () => ({ default: mocks.psList }));
vi.mock('../../../../agent/inventory/run-command.ts', () => ({
  runCommand: mocks.runCommand,
  runCommandOutput: mocks.runCommandOutput,
}));
vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof import('node:fs/promises')>()),
  stat: mocks.stat,
}));

const { listProcesses } = await import('../../../../agent/inventory/processes/darwin.ts');

const plists: Record<string, string> = {
  '/Applications/Telegram.app': 'plutil-json-telegram.json',
  '/Applications/Slack.app': 'plutil-json-slack.json',
  '/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app':
    'plutil-json-slack-helper-renderer.json',
  '/Applications/Signal.app': 'plutil-json-signal.json',
  '/Applications/Microsoft Teams.app': 'plutil-json-teams.json',
};
const signatures: Record<string, string> = {
  '/Applications/Telegram.app': 'codesign-telegram-appstore.stderr.txt',
  '/Applications/Slack.app': 'codesign-slack.stderr.txt',
  '/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app': 'codesign-slack.stderr.txt',
  '/Applications/Signal.app': 'codesign-signal.stderr.txt',
  '/Applications/Microsoft Teams.app': 'codesign-teams.stderr.txt',
};

beforeEach(() => {
  vi.clearAllMocks();
  mocks.psList.mockResolvedValue(JSON.parse(fixture('ps-list-darwin.json')));
  mocks.stat.mockResolvedValue({ mtimeMs: 1_764_000_000_000 });
  mocks.runCommand.mockImplementation(async (file: string, args: string[]) => {
    if (file === '/usr/bin/dscl') return fixture('dscl-list-users-uniqueid.txt');
    const bundle = (args.at(-1) as string).replace(/\/Contents\/Info\.plist$/, '');
    const plist = plists[bundle];
    if (!plist) throw new Error(`plutil failed: ${bundle}: file does not exist or is not a valid plist`);
    return fixture(plist);
  });
  mocks.runCommandOutput.mockImplementation(async (_file: string, args: string[]) => {
    const name = signatures[args.at(-1) as string];
    return {
      stdout: '',
      stderr: name ? fixture(name) : `${args.at(-1)}: code object is not signed at all\n`,
    };
  });
});

describe('listProcesses (darwin)', () => {
  it('adds the owner, the innermost bundle id and the signer', async () => {
    const { items } = await listProcesses();
    const byPid = new Map(items.map((p) => [p.pid, p]));
    expect(byPid.get(1843)).toEqual({
      pid: 1843,
      ppid: 1,
      name: 'Telegram',
      path: '/Applications/Telegram.app/Contents/MacOS/Telegram',
      cmd: '/Applications/Telegram.app/Contents/MacOS/Telegram',
      user: 'alice',
      bundleId: 'ru.keepcoder.Telegram',
      signer: '6N38VWS5BX',
    });
    expect(byPid.get(2231)).toMatchObject({
      bundleId: 'com.tinyspeck.slackmacgap.helper.Renderer',
      signer: 'Developer ID Application: Slack Technologies, Inc. (BQR82RBBHL)',
    });
    expect(byPid.get(2820)).toMatchObject({ bundleId: 'com.microsoft.teams2', user: 'alice' });
    expect(byPid.get(4010)).toMatchObject({ user: 'bob', bundleId: undefined, signer: undefined });
    expect(byPid.get(3377)).toMatchObject({ user: '504', bundleId: undefined, signer: undefined });
    expect(byPid.get(1)).toMatchObject({ user: 'root' });
  });

  it('never runs codesign on the sealed system volume, and warns about unreadable bundles', async () => {
    const { warnings } = await listProcesses();
    const signed = mocks.runCommandOutput.mock.calls.map((c) => (c[1] as string[]).at(-1));
    expect(signed.some((b) => b?.startsWith('/System/'))).toBe(false);
    expect(warnings.map((w) => w.facet)).toEqual(warnings.map(() => 'processes'));
    expect(warnings.some((w) => w.message.includes('loginwindow.app'))).toBe(true);
  });

  it('does not spawn plutil or codesign again for bundles whose Info.plist is unchanged', async () => {
    await listProcesses();
    const plutilTargets = mocks.runCommand.mock.calls
      .filter((c) => c[0] === '/usr/bin/plutil')
      .map((c) => (c[1] as string[]).at(-1));
    // Only the bundles whose earlier read failed (no recorded Info.plist here) are tried again.
    expect(plutilTargets.length).toBeGreaterThan(0);
    for (const bundle of Object.keys(plists))
      expect(plutilTargets).not.toContain(`${bundle}/Contents/Info.plist`);
    expect(
      mocks.runCommandOutput.mock.calls.filter((c) =>
        Object.hasOwn(signatures, (c[1] as string[]).at(-1) as string),
      ),
    ).toEqual([]);
  });

  it('reads a bundle again once its Info.plist changed (the app was updated)', async () => {
    mocks.stat.mockResolvedValue({ mtimeMs: 1_765_000_000_000 });
    await listProcesses();
    const plutilTargets = mocks.runCommand.mock.calls
      .filter((c) => c[0] === '/usr/bin/plutil')
      .map((c) => (c[1] as string[]).at(-1));
    expect(plutilTargets).toContain('/Applications/Telegram.app/Contents/Info.plist');
  });
});
