import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Windows app provider against recorded PowerShell outputs: which hives it asks the uninstall
 * script to read, and that every user hive it loads with reg.exe is unloaded again.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/win32/${name}`, import.meta.url), 'utf8');

const run = vi.hoisted(() => ({ runCommand: vi.fn(), runPowerShellJson: vi.fn() }));
vi.mock('../../../../agent/inventory/run-command.ts', () => ({ runCommand: run.runCommand }));
vi.mock('../../../../agent/inventory/run-powershell.ts', async (original) => ({
  ...(await original<typeof import('../../../../agent/inventory/run-powershell.ts')>()),
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

/** What the uninstall script would print: the fixture's rows of the keys the script names. */
function uninstallOutput(script: string) {
  return parsePowerShellJson(fixture('powershell-uninstall.json')).filter((row) => {
    const key = String(row.Key);
    return script.includes(`'${key.slice(0, key.lastIndexOf('\\'))}'`);
  });
}

const scripts = () => run.runPowerShellJson.mock.calls.map((c) => c[0] as string);
const regCalls = () => run.runCommand.mock.calls.map((c) => (c[1] as string[]).join(' '));

beforeEach(() => {
  vi.clearAllMocks();
  run.runCommand.mockResolvedValue('The operation completed successfully.\r\n');
  run.runPowerShellJson.mockImplementation(async (script: string) => {
    if (script.includes('ProfileList')) return parsePowerShellJson(fixture('powershell-profile-list.json'));
    if (script.includes('Read-Uninstall')) return uninstallOutput(script);
    return parsePowerShellJson(fixture('powershell-appx.json'));
  });
});

describe('listApps (win32)', () => {
  it('merges machine entries, every profile and Store packages, non-ASCII names intact', async () => {
    const { items, warnings } = await listApps();
    expect(warnings).toEqual([]);
    expect(items.filter((a) => a.source === 'registry-machine')).toHaveLength(8);
    expect(items.filter((a) => a.source === 'appx')).toHaveLength(6);
    expect(items.map((a) => a.name)).toEqual(expect.arrayContaining(['微信', '카카오톡', 'LINE']));
    const telegram = items.filter((a) => a.name === 'Telegram Desktop');
    expect(telegram.map((a) => a.user)).toEqual(['alice', 'bob', 'José']);
    expect(telegram[0]).toEqual({
      name: 'Telegram Desktop',
      version: '5.8.3',
      publisher: 'Telegram FZ-LLC',
      path: 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop',
      source: 'registry-user',
      user: 'alice',
    });
  });

  it('reads every uninstall key in one PowerShell call, a logged-in user from their own hive', async () => {
    await listApps();
    const reads = scripts().filter((s) => s.includes('Read-Uninstall'));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toContain(`Read-Uninstall 'HKEY_USERS\\${alice}\\${uninstall}' '${alice}'`);
    expect(reads[0]).toContain(`Read-Uninstall 'HKEY_USERS\\imscout_${bob}\\${uninstall}' '${bob}'`);
    expect(reads[0]).toContain(`Read-Uninstall 'HKEY_USERS\\imscout_${jose}\\${uninstall}' '${jose}'`);
    expect(reads[0]).toContain(
      `'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall' $null`,
    );
    expect(reads[0]).not.toContain('"');
  });

  it('loads an absent user, and unloads every hive it holds only after the read', async () => {
    await listApps();
    expect(regCalls()).toEqual([
      `load HKU\\imscout_${jose} C:\\Users\\José\\NTUSER.DAT`,
      `unload HKU\\imscout_${jose}`,
      // bob's hive was left loaded by an interrupted scan: read as it is, never loaded twice.
      `unload HKU\\imscout_${bob}`,
    ]);
    const readAt = run.runPowerShellJson.mock.invocationCallOrder[
      scripts().findIndex((s) => s.includes('Read-Uninstall'))
    ] as number;
    const [loadAt, ...unloadsAt] = run.runCommand.mock.invocationCallOrder;
    expect(loadAt).toBeLessThan(readAt);
    expect(unloadsAt.every((at) => at > readAt)).toBe(true);
  });

  it('unloads the hives when the read fails, and reports it', async () => {
    const base = run.runPowerShellJson.getMockImplementation();
    run.runPowerShellJson.mockImplementation(async (script: string) => {
      if (script.includes('Read-Uninstall')) throw new Error('powershell.exe failed: timed out');
      return base?.(script);
    });
    const { items, warnings } = await listApps();
    expect(warnings).toEqual([{ facet: 'apps', message: 'uninstall: powershell.exe failed: timed out' }]);
    expect(items.every((a) => a.source === 'appx')).toBe(true);
    expect(regCalls()).toContain(`unload HKU\\imscout_${jose}`);
    expect(regCalls()).toContain(`unload HKU\\imscout_${bob}`);
  });

  it('reports a profile whose hive cannot be loaded and reads the others', async () => {
    run.runCommand.mockImplementation(async (_file: string, args: string[]) => {
      if (args[0] === 'load') throw new Error('reg.exe failed: Command failed');
      return '';
    });
    const { items, warnings } = await listApps();
    expect(warnings).toEqual([
      { facet: 'apps', message: `profile José (${jose}): reg.exe failed: Command failed` },
    ]);
    expect(regCalls()).not.toContain(`unload HKU\\imscout_${jose}`);
    expect(items.filter((a) => a.name === 'Telegram Desktop').map((a) => a.user)).toEqual(['alice', 'bob']);
  });

  it('warns when a hive stays loaded after a retry', async () => {
    run.runCommand.mockImplementation(async (_file: string, args: string[]) => {
      if (args[0] === 'unload' && args[1] === `HKU\\imscout_${bob}`)
        throw new Error('reg.exe failed: in use');
      return '';
    });
    const { warnings } = await listApps();
    expect(warnings).toEqual([
      { facet: 'apps', message: `HKU\\imscout_${bob} is still loaded: reg.exe failed: in use` },
    ]);
    expect(regCalls().filter((c) => c === `unload HKU\\imscout_${bob}`)).toHaveLength(2);
    expect(regCalls()).toContain(`unload HKU\\imscout_${jose}`);
  });

  it('still reads the machine entries when the profile list cannot be read', async () => {
    const base = run.runPowerShellJson.getMockImplementation();
    run.runPowerShellJson.mockImplementation(async (script: string) => {
      if (script.includes('ProfileList')) throw new Error('powershell.exe failed: access denied');
      return base?.(script);
    });
    const { items, warnings } = await listApps();
    expect(warnings).toEqual([{ facet: 'apps', message: 'profiles: powershell.exe failed: access denied' }]);
    expect(items.filter((a) => a.source === 'registry-machine')).toHaveLength(8);
    expect(items.some((a) => a.source === 'registry-user')).toBe(false);
    expect(run.runCommand).not.toHaveBeenCalled();
  });

  it('keeps the registry apps when the Store packages cannot be listed', async () => {
    const base = run.runPowerShellJson.getMockImplementation();
    run.runPowerShellJson.mockImplementation(async (script: string) => {
      if (script.includes('Get-AppxPackage')) throw new Error('powershell.exe failed: spawn ENOENT');
      return base?.(script);
    });
    const { items, warnings } = await listApps();
    expect(items.some((a) => a.source === 'appx')).toBe(false);
    expect(items.length).toBeGreaterThan(10);
    expect(warnings).toEqual([{ facet: 'apps', message: 'appx: powershell.exe failed: spawn ENOENT' }]);
  });
});
