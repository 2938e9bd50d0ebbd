import { describe, expect, it } from 'vitest';
import { parseRegQuery } from '../../../../agent/inventory/parsers/parse-reg-query.ts';
import {
  displayIconFolder,
  uninstallEntries,
} from '../../../../agent/inventory/parsers/parse-uninstall-entries.ts';
import { fixture } from './fixture.ts';

const keys = (name: string) => parseRegQuery(fixture('win32', name));

describe('uninstallEntries', () => {
  it('lists machine-wide entries, skipping SystemComponent=1 and keys without a DisplayName', () => {
    expect(uninstallEntries(keys('reg-query-uninstall-hklm.txt'), { source: 'registry-machine' })).toEqual([
      {
        name: '7-Zip 24.08 (x64)',
        version: '24.08',
        publisher: 'Igor Pavlov',
        path: 'C:\\Program Files\\7-Zip',
        source: 'registry-machine',
        user: undefined,
      },
      {
        name: 'Mozilla Firefox (x64 en-US)',
        version: '132.0.2',
        publisher: 'Mozilla',
        path: 'C:\\Program Files\\Mozilla Firefox',
        source: 'registry-machine',
        user: undefined,
      },
      {
        name: 'Microsoft Teams Meeting Add-in for Microsoft Office',
        version: '1.24.25301',
        publisher: 'Microsoft',
        path: undefined,
        source: 'registry-machine',
        user: undefined,
      },
      {
        name: 'Slack (Machine - MSI)',
        version: '4.41.105',
        publisher: 'Slack Technologies Inc.',
        path: 'C:\\Program Files\\Slack',
        source: 'registry-machine',
        user: undefined,
      },
    ]);
  });

  it('lists the 32-bit view (Teams Machine-Wide Installer, Edge)', () => {
    const apps = uninstallEntries(keys('reg-query-uninstall-wow6432node.txt'), {
      source: 'registry-machine',
    });
    expect(apps.map((a) => [a.name, a.version, a.path])).toEqual([
      ['Microsoft Edge', '130.0.2849.80', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application'],
      [
        'Microsoft Edge WebView2 Runtime',
        '130.0.2849.80',
        'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application',
      ],
      ['Teams Machine-Wide Installer', '1.7.0.13456', undefined],
    ]);
  });

  it('lists per-user IM clients with the user, the install folder or the DisplayIcon folder', () => {
    const apps = uninstallEntries(keys('reg-query-uninstall-user.txt'), {
      source: 'registry-user',
      user: 'alice',
    });
    const local = 'C:\\Users\\alice\\AppData\\Local';
    expect(apps).toEqual([
      {
        name: 'Telegram Desktop',
        version: '5.8.3',
        publisher: 'Telegram FZ-LLC',
        path: 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop',
        source: 'registry-user',
        user: 'alice',
      },
      {
        name: 'Signal 7.33.0',
        version: '7.33.0',
        publisher: 'Signal Messenger, LLC',
        path: `${local}\\Programs\\signal-desktop`,
        source: 'registry-user',
        user: 'alice',
      },
      {
        name: 'Slack',
        version: '4.41.105',
        publisher: 'Slack Technologies Inc.',
        path: `${local}\\slack`,
        source: 'registry-user',
        user: 'alice',
      },
      {
        name: 'Viber',
        version: '24.6.0.2',
        publisher: '2010-2026 Viber Media S.à r.l.',
        path: `${local}\\Viber`,
        source: 'registry-user',
        user: 'alice',
      },
      {
        name: 'Rocket.Chat',
        version: '4.1.2',
        publisher: 'Rocket.Chat Support',
        path: `${local}\\Programs\\Rocket.Chat`,
        source: 'registry-user',
        user: 'alice',
      },
      {
        name: 'Microsoft OneDrive',
        version: '24.201.1006.0005',
        publisher: 'Microsoft Corporation',
        path: `${local}\\Microsoft\\OneDrive\\24.201.1006.0005`,
        source: 'registry-user',
        user: 'alice',
      },
      {
        name: 'Discord',
        version: '1.0.9172',
        publisher: 'Discord Inc.',
        path: `${local}\\Discord`,
        source: 'registry-user',
        user: 'alice',
      },
    ]);
  });

  it('only takes direct subkeys of an Uninstall key', () => {
    const text = [
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Foo',
      '    DisplayName    REG_SZ    Foo',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Foo\\Patches',
      '    DisplayName    REG_SZ    Foo patch',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
      '    DisplayName    REG_SZ    The root itself',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Bar',
      '    DisplayName    REG_SZ       ',
      '    SystemComponent    REG_DWORD    0x0',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Baz',
      '    DisplayName    REG_SZ    Baz',
      '    SystemComponent    REG_DWORD    0x0',
      '    InstallLocation    REG_SZ    "D:\\Apps\\Baz\\"',
      '    DisplayIcon    REG_SZ    D:\\Other\\baz.ico',
    ].join('\r\n');
    expect(
      uninstallEntries(parseRegQuery(text), { source: 'registry-machine' }).map((a) => [a.name, a.path]),
    ).toEqual([
      ['Foo', undefined],
      ['Baz', 'D:\\Apps\\Baz'],
    ]);
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
