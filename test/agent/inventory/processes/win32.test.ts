import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The Windows process provider against recorded fastlist and PowerShell outputs. */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../fixtures/win32/${name}`, import.meta.url), 'utf8');

const mocks = vi.hoisted(() => ({ psList: vi.fn(), runPowerShellJson: vi.fn(), stat: vi.fn() }));
vi.mock('ps-list', () => ({ default: mocks.psList }));
vi.mock('../../../../agent/inventory/run-powershell.ts', async (original) => ({
  ...(await original<typeof import('../../../../agent/inventory/run-powershell.ts')>()),
  runPowerShellJson: mocks.runPowerShellJson,
}));
vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof import('node:fs/promises')>()),
  stat: mocks.stat,
}));

const { listProcesses } = await import('../../../../agent/inventory/processes/win32.ts');
const { parsePowerShellJson } = await import('../../../../agent/inventory/parsers/parse-powershell-json.ts');

const isFileInfoScript = (script: string) => script.includes('Get-AuthenticodeSignature');

beforeEach(() => {
  vi.clearAllMocks();
  mocks.psList.mockResolvedValue(JSON.parse(fixture('ps-list-win32.json')));
  mocks.stat.mockImplementation(async (path: string) => ({
    size: path.length * 1000,
    mtimeMs: 1_764_000_000_000,
  }));
  mocks.runPowerShellJson.mockImplementation(async (script: string) =>
    parsePowerShellJson(
      fixture(isFileInfoScript(script) ? 'powershell-file-info.json' : 'powershell-processes.json'),
    ),
  );
});

describe('listProcesses (win32)', () => {
  it('merges ps-list, Win32_Process, version info and signer; asks about paths quoted, third-party first', async () => {
    const { items, warnings } = await listProcesses();
    expect(warnings).toEqual([]);
    expect(items.find((p) => p.pid === 4242)).toEqual({
      pid: 4242,
      ppid: 900,
      name: 'Telegram.exe',
      path: 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe',
      cmd: '"C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe" -autostart',
      user: 'alice',
      fileInfo: {
        productName: 'Telegram Desktop',
        companyName: 'Telegram FZ-LLC',
        fileDescription: 'Telegram Desktop',
        originalFilename: 'Telegram.exe',
      },
      signer: 'Telegram FZ-LLC',
    });
    expect(items.find((p) => p.pid === 4)).toEqual({ pid: 4, ppid: 0, name: 'System', user: 'SYSTEM' });
    const [script] = mocks.runPowerShellJson.mock.calls.map((c) => c[0] as string).filter(isFileInfoScript);
    expect(script).toContain("'C:\\Users\\alice\\Downloads\\o''reilly-chat.exe'");
    expect(script?.indexOf('Telegram.exe')).toBeLessThan(script?.indexOf('svchost.exe') ?? 0);
  });

  it('serves known executables from the cache on the next scan', async () => {
    // The first test's scan cached every path the file-info fixture answered; only the two it does
    // not answer (msedgewebview2.exe, Explorer.EXE) are asked about again.
    await listProcesses();
    const fileScripts = mocks.runPowerShellJson.mock.calls
      .map((c) => c[0] as string)
      .filter(isFileInfoScript);
    expect(fileScripts).toHaveLength(1);
    expect(fileScripts[0]).toMatch(
      /^@\('C:\\Program Files \(x86\)\\Microsoft\\EdgeWebView\\[^']+msedgewebview2\.exe', 'C:\\WINDOWS\\Explorer\.EXE'\) \| ForEach-Object/,
    );
    expect(fileScripts[0]).not.toContain('Telegram.exe');
  });

  it('returns the ps-list records with a warning when PowerShell fails', async () => {
    mocks.runPowerShellJson.mockRejectedValue(new Error('powershell.exe failed: timed out'));
    const { items, warnings } = await listProcesses();
    expect(items).toHaveLength(13);
    expect(items.find((p) => p.pid === 4242)).toEqual({ pid: 4242, ppid: 900, name: 'Telegram.exe' });
    expect(warnings).toEqual([
      { facet: 'processes', message: 'process details: powershell.exe failed: timed out' },
    ]);
  });

  it('falls back to Win32_Process alone where ps-list cannot run (Windows on ARM)', async () => {
    mocks.psList.mockRejectedValue(new Error('Windows ARM64 is not supported yet.'));
    const { items, warnings } = await listProcesses();
    expect(items.find((p) => p.pid === 9304)).toMatchObject({
      name: 'ms-teams.exe',
      user: 'alice',
      signer: 'Microsoft Corporation',
    });
    expect(warnings).toEqual([
      { facet: 'processes', message: 'ps-list: Windows ARM64 is not supported yet.' },
    ]);
  });
});
