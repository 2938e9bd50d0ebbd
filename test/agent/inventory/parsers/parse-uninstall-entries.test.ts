import { describe, expect, it } from 'vitest';
import { parsePowerShellJson } from '../../../../agent/inventory/parsers/parse-powershell-json.ts';
import {
  displayIconFolder,
  parseUninstallEntries,
} from '../../../../agent/inventory/parsers/parse-uninstall-entries.ts';
import { fixture } from './fixture.ts';

const alice = 'S-1-5-21-3623811015-3361044348-30300820-1001';
const bob = 'S-1-5-21-3623811015-3361044348-30300820-1002';
const jose = 'S-1-12-1-3170416484-1286334113-2436593539-2780158737';
const users = new Map([
  [alice, 'alice'],
  [bob, 'bob'],
  [jose, 'José'],
]);
const rows = parsePowerShellJson(fixture('win32', 'powershell-uninstall.json'));
const { apps, unreadable } = parseUninstallEntries(rows, users);

describe('parseUninstallEntries', () => {
  it('keeps Chinese and Korean names and publishers intact', () => {
    expect(apps.find((a) => a.name === '微信')).toEqual({
      name: '微信',
      version: '4.0.6.21',
      publisher: '腾讯科技(深圳)有限公司',
      path: 'C:\\Program Files\\Tencent\\Weixin',
      source: 'registry-machine',
      user: undefined,
    });
    expect(apps.find((a) => a.name === '카카오톡')).toEqual({
      name: '카카오톡',
      version: '4.2.2.4155',
      publisher: 'Kakao Corp.',
      path: 'C:\\Program Files (x86)\\Kakao\\KakaoTalk',
      source: 'registry-machine',
      user: undefined,
    });
    expect(apps.find((a) => a.name === 'Viber')?.publisher).toBe('2010-2026 Viber Media S.à r.l.');
  });

  it('lists machine entries of both views, skipping SystemComponent=1 and keys without a DisplayName', () => {
    expect(apps.filter((a) => a.source === 'registry-machine').map((a) => [a.name, a.path])).toEqual([
      ['7-Zip 24.08 (x64)', 'C:\\Program Files\\7-Zip'],
      ['Mozilla Firefox (x64 en-US)', 'C:\\Program Files\\Mozilla Firefox'],
      ['微信', 'C:\\Program Files\\Tencent\\Weixin'],
      ['Microsoft Teams Meeting Add-in for Microsoft Office', undefined],
      ['Slack (Machine - MSI)', 'C:\\Program Files\\Slack'],
      ['카카오톡', 'C:\\Program Files (x86)\\Kakao\\KakaoTalk'],
      ['Microsoft Edge', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application'],
      ['Teams Machine-Wide Installer', undefined],
    ]);
    expect(unreadable).toEqual([]);
  });

  it('names the user of per-user entries, read from their own hive or from one loaded by the scan', () => {
    const perUser = apps.filter((a) => a.source === 'registry-user');
    expect(perUser.map((a) => [a.user, a.name])).toEqual([
      ['alice', 'Telegram Desktop'],
      ['alice', 'Signal 7.33.0'],
      ['alice', 'LINE'],
      ['alice', 'Slack'],
      ['alice', 'Viber'],
      ['alice', 'Microsoft OneDrive'],
      ['bob', 'Telegram Desktop'],
      ['José', 'Telegram Desktop'],
      ['José', 'Rocket.Chat'],
    ]);
    expect(perUser.find((a) => a.user === 'José')).toEqual({
      name: 'Telegram Desktop',
      version: '5.8.3',
      publisher: 'Telegram FZ-LLC',
      path: 'C:\\Users\\José\\AppData\\Roaming\\Telegram Desktop',
      source: 'registry-user',
      user: 'José',
    });
  });

  it('takes the folder from InstallLocation, else from DisplayIcon', () => {
    const path = (name: string) => apps.find((a) => a.name === name)?.path;
    expect(path('LINE')).toBe('C:\\Users\\alice\\AppData\\Local\\LINE\\bin');
    expect(path('Microsoft OneDrive')).toBe(
      'C:\\Users\\alice\\AppData\\Local\\Microsoft\\OneDrive\\24.201.1006.0005',
    );
    expect(path('Rocket.Chat')).toBe('C:\\Users\\José\\AppData\\Local\\Programs\\Rocket.Chat');
  });

  it('reads one row, error rows, only direct subkeys, and values of other types as unknown or not hiding', () => {
    const userUninstall = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
    const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
    const text = JSON.stringify([
      { Key: `${root}\\Foo`, Sid: null, DisplayName: 'Foo', SystemComponent: 0 },
      { Key: root, Sid: null, DisplayName: 'The root itself' },
      { Key: `${root}\\Multi`, Sid: null, DisplayName: ['REG_MULTI_SZ', 'is not a name'] },
      { Key: `${root}\\Blank`, Sid: null, DisplayName: '   ' },
      { Key: `${root}\\Sz`, Sid: null, DisplayName: 'Sz', SystemComponent: '1', DisplayVersion: 3 },
      { Key: `HKEY_USERS\\S-1-5-21-9\\${userUninstall}`, Error: 'Zugriff verweigert' },
      { Key: `HKEY_USERS\\S-1-5-21-9\\Software\\X\\Uninstall\\Bar`, Sid: 's-1-5-21-9', DisplayName: 'Bar' },
    ]);
    const read = parseUninstallEntries(parsePowerShellJson(text), users);
    expect(read.apps.map((a) => [a.name, a.version, a.source, a.user])).toEqual([
      ['Foo', undefined, 'registry-machine', undefined],
      ['Sz', undefined, 'registry-machine', undefined],
      ['Bar', undefined, 'registry-user', 'S-1-5-21-9'],
    ]);
    expect(read.unreadable).toEqual([
      { key: `HKEY_USERS\\S-1-5-21-9\\${userUninstall}`, message: 'Zugriff verweigert' },
    ]);
    const single = parsePowerShellJson(
      `{"Key":"${root.replaceAll('\\', '\\\\')}\\\\7-Zip","DisplayName":"7-Zip"}`,
    );
    expect(parseUninstallEntries(single, users).apps.map((a) => a.name)).toEqual(['7-Zip']);
    expect(parseUninstallEntries([], users)).toEqual({ apps: [], unreadable: [] });
  });
});

describe('displayIconFolder', () => {
  it('strips quotes and icon indexes', () => {
    expect(displayIconFolder('"C:\\Program Files\\Signal\\Signal.exe",0')).toBe('C:\\Program Files\\Signal');
    expect(displayIconFolder('C:\\Program Files\\Slack\\slack.exe,-101')).toBe('C:\\Program Files\\Slack');
    expect(displayIconFolder('C:\\app.exe')).toBe('C:\\');
    expect(displayIconFolder('%SystemRoot%\\System32\\shell32.dll,5')).toBe('%SystemRoot%\\System32');
  });

  it('gives nothing for a bare file name or an empty value', () => {
    expect(displayIconFolder('setup.exe,0')).toBeUndefined();
    expect(displayIconFolder('')).toBeUndefined();
    expect(displayIconFolder('""')).toBeUndefined();
  });
});
