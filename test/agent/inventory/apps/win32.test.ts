import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Windows app provider against recorded reg.exe and PowerShell outputs: which keys it reads,
 * and that every user hive it loads is unloaded again.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/win32/${name}`, import.meta.url), 'utf8');

const run = vi.hoisted(() => ({
  runCommand: vi.fn(),
  runCommandOutput: vi.fn(),
  runPowerShellJson: vi.fn(),
}));
vi.mock('../../../../agent/inventory/run-command.ts', () => ({
  runCommand: run.runCommand,
  runCommandOutput: run.runCommandOutput,
}));
vi.mock('../../../../agent/inventory/run-powershell.ts', () => ({
  runPowerShellJson: run.runPowerShellJson,
}));
vi.mock('node:fs', async (original) => ({
  ...(await original<typeof import('node:fs')>()),
  existsSync: () => true,
}));

const { listApps } = await import('../../../../agent/inventory/apps/win32.ts');
const { parsePowerShellJson } = await import('../../../../agent/inventory/parsers/parse-powershell-json.ts');

const alice = 'S-1-5-21-3623811015-3361044348-30300820-1001';
const bob = 'S-1-5-21-3623811015-3361044348-30300820-1002';
const jose = 'S-1-12-1-3170416484-1286334113-2436593539-2780158737';
const uninstall = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const notFound = {
  stdout: '',
  stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n',
};

beforeEach(() => {
  vi.clearAllMocks();
  run.runCommandOutput.mockImplementation(async (_file: string, args: string[]) => {
    const key = args[1];
    if (key === `HKLM\\${uninstall}`) return { stdout: fixture('reg-query-uninstall-hklm.txt'), stderr: '' };
    if (key?.includes('WOW6432Node'))
      return { stdout: fixture('reg-query-uninstall-wow6432node.txt'), stderr: '' };
    if (key?.endsWith('ProfileList')) return { stdout: fixture('reg-query-profilelist.txt'), stderr: '' };
    if (key === `HKU\\${alice}\\${uninstall}`)
      return { stdout: fixture('reg-query-uninstall-user.txt'), stderr: '' };
    if (key === `HKU\\imscout_${bob}\\${uninstall}`) {
      const text = fixture('reg-query-uninstall-user.txt').replaceAll(
        `HKEY_USERS\\${alice}`,
        `HKEY_USERS\\imscout_${bob}`,
      );
      return { stdout: text, stderr: '' };
    }
    return notFound;
  });
  run.runCommand.mockImplementation(async (_file: string, args: string[]) =>
    args[0] === 'query' && args[1] === 'HKU'
      ? fixture('reg-query-hku.txt')
      : 'The operation completed successfully.\r\n',
  );
  run.runPowerShellJson.mockImplementation(async () => parsePowerShellJson(fixture('powershell-appx.json')));
});

describe('listApps (win32)', () => {
  it('merges machine entries, every profile and Store packages', async () => {
    const { items, warnings } = await listApps();
    expect(warnings).toEqual([]);
    expect(items.filter((a) => a.source === 'registry-machine')).toHaveLength(7);
    expect(items.filter((a) => a.source === 'appx')).toHaveLength(6);
    const telegram = items.filter((a) => a.name === 'Telegram Desktop');
    expect(telegram.map((a) => a.user)).toEqual(['alice', 'bob']);
    expect(telegram[0]).toEqual({
      name: 'Telegram Desktop',
      version: '5.8.3',
      publisher: 'Telegram FZ-LLC',
      path: 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop',
      source: 'registry-user',
      user: 'alice',
    });
  });

  it('reads a logged-in user from HKU, loads an absent one and unloads every hive it holds', async () => {
    await listApps();
    const regCalls = run.runCommand.mock.calls.map((c) => (c[1] as string[]).join(' '));
    expect(regCalls).toContain(`load HKU\\imscout_${jose} C:\\Users\\José\\NTUSER.DAT`);
    expect(regCalls).toContain(`unload HKU\\imscout_${jose}`);
    // bob's hive was left loaded by an interrupted scan: read as it is, then unloaded, never loaded twice.
    expect(regCalls).not.toContain(`load HKU\\imscout_${bob} C:\\Users\\bob\\NTUSER.DAT`);
    expect(regCalls).toContain(`unload HKU\\imscout_${bob}`);
    expect(regCalls.some((c) => c.includes(alice) && (c.startsWith('load') || c.startsWith('unload')))).toBe(
      false,
    );
  });

  it('unloads a hive even when reading it fails, and reports the profile', async () => {
    const base = run.runCommandOutput.getMockImplementation();
    run.runCommandOutput.mockImplementation(async (file: string, args: string[]) => {
      if (args[1] === `HKU\\imscout_${jose}\\${uninstall}`) throw new Error('reg.exe failed: timed out');
      return base?.(file, args);
    });
    const { warnings } = await listApps();
    expect(warnings).toEqual([
      { facet: 'apps', message: `profile José (${jose}): reg.exe failed: timed out` },
    ]);
    expect(run.runCommand.mock.calls.map((c) => (c[1] as string[]).join(' '))).toContain(
      `unload HKU\\imscout_${jose}`,
    );
  });

  it('keeps the registry apps when PowerShell fails', async () => {
    run.runPowerShellJson.mockRejectedValue(new Error('powershell.exe failed: spawn ENOENT'));
    const { items, warnings } = await listApps();
    expect(items.some((a) => a.source === 'appx')).toBe(false);
    expect(items.length).toBeGreaterThan(10);
    expect(warnings).toEqual([{ facet: 'apps', message: 'appx: powershell.exe failed: spawn ENOENT' }]);
  });
});
