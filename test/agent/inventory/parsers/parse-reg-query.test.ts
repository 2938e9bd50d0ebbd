import { describe, expect, it } from 'vitest';
import {
  expandEnvironment,
  parseRegQuery,
  regKeyName,
  regNumber,
  regParentPath,
  regString,
} from '../../../../agent/inventory/parsers/parse-reg-query.ts';
import { fixture } from './fixture.ts';

describe('parseRegQuery', () => {
  it('reads every key of a recorded `reg query … /s`, including keys without values', () => {
    const keys = parseRegQuery(fixture('win32', 'reg-query-uninstall-hklm.txt'));
    expect(keys).toHaveLength(17);
    expect(keys[0]?.path).toBe(
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\7-Zip',
    );
    expect(keys[1]?.values.size).toBe(0);
    expect(regKeyName(keys[2] as never)).toBe('Connection Manager');
    expect(regParentPath(keys[2] as never)).toBe(
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
    );
  });

  it('reads REG_SZ, REG_EXPAND_SZ and hex REG_DWORD values, names case-insensitively', () => {
    const [sevenZip] = parseRegQuery(fixture('win32', 'reg-query-uninstall-hklm.txt'));
    if (!sevenZip) throw new Error('no key');
    expect(regString(sevenZip, 'DisplayName')).toBe('7-Zip 24.08 (x64)');
    expect(regString(sevenZip, 'displayname')).toBe('7-Zip 24.08 (x64)');
    expect(regString(sevenZip, 'UninstallString')).toBe('"C:\\Program Files\\7-Zip\\Uninstall.exe"');
    expect(regNumber(sevenZip, 'EstimatedSize')).toBe(0x16a9);
    expect(regNumber(sevenZip, 'VersionMajor')).toBe(24);
    expect(regNumber(sevenZip, 'DisplayName')).toBeUndefined();
    expect(regString(sevenZip, 'NoModify')).toBeUndefined();
    expect(regString(sevenZip, 'Missing')).toBeUndefined();
  });

  it('keeps value names with spaces and colons, and reads empty strings as unknown', () => {
    const keys = parseRegQuery(fixture('win32', 'reg-query-uninstall-user.txt'));
    const telegram = keys[0];
    if (!telegram) throw new Error('no key');
    expect(regKeyName(telegram)).toBe('{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1');
    expect(regString(telegram, 'Inno Setup: App Path')).toBe(
      'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop',
    );
    expect(telegram.values.get('inno setup: setup version')).toEqual({
      name: 'Inno Setup: Setup Version',
      type: 'REG_SZ',
      data: '6.0.3 (u)',
    });
    const slack = keys.find((k) => regKeyName(k) === 'slack');
    expect(slack?.values.get('urlupdateinfo')).toEqual({ name: 'URLUpdateInfo', type: 'REG_SZ', data: '' });
    expect(regString(slack as never, 'URLUpdateInfo')).toBeUndefined();
  });

  it('keeps non-ASCII data', () => {
    const viber = parseRegQuery(fixture('win32', 'reg-query-uninstall-user.txt')).find(
      (k) => regKeyName(k) === 'Viber',
    );
    expect(regString(viber as never, 'Publisher')).toBe('2010-2026 Viber Media S.à r.l.');
  });

  it('reads other value types, the unnamed value, and skips lines that are neither keys nor values', () => {
    const text = [
      '',
      'HKEY_CURRENT_USER\\Software\\Example',
      '    (Default)    REG_SZ    (value not set)',
      '    Servers    REG_MULTI_SZ    irc.libera.chat\\0irc.oftc.net',
      '    Blob    REG_BINARY    01000000D08C9DDF',
      '    Big    REG_QWORD    0x1d9f2c3b4a5e',
      '    Comments    REG_SZ',
      'ERROR: The system was unable to find the specified registry key or value.',
      '  not a value line',
      '',
    ].join('\r\n');
    const [key] = parseRegQuery(text);
    expect(key?.values.get('(default)')?.data).toBe('(value not set)');
    expect(key?.values.get('servers')).toEqual({
      name: 'Servers',
      type: 'REG_MULTI_SZ',
      data: 'irc.libera.chat\\0irc.oftc.net',
    });
    expect(regString(key as never, 'Servers')).toBeUndefined();
    expect(regNumber(key as never, 'Big')).toBe(0x1d9f2c3b4a5e);
    expect(key?.values.get('comments')?.data).toBe('');
    expect(key?.values.size).toBe(5);
  });

  it('ignores values before any key, and returns nothing for empty output', () => {
    expect(parseRegQuery('    Orphan    REG_SZ    x\r\n')).toEqual([]);
    expect(parseRegQuery('')).toEqual([]);
  });
});

describe('expandEnvironment', () => {
  it('expands %NAME% case-insensitively and leaves unknown names alone', () => {
    const env = { SystemDrive: 'C:', SystemRoot: 'C:\\WINDOWS' };
    expect(expandEnvironment('%SystemDrive%\\Users\\bob', env)).toBe('C:\\Users\\bob');
    expect(expandEnvironment('%systemroot%\\system32', env)).toBe('C:\\WINDOWS\\system32');
    expect(expandEnvironment('%NOPE%\\x 100%', env)).toBe('%NOPE%\\x 100%');
  });
});
