import { describe, expect, it } from 'vitest';
import { parsePowerShellJson } from '../../../../agent/inventory/parsers/parse-powershell-json.ts';
import { parseProfileList } from '../../../../agent/inventory/parsers/parse-profile-list.ts';
import { fixture } from './fixture.ts';

describe('parseProfileList', () => {
  const profiles = parseProfileList(parsePowerShellJson(fixture('win32', 'powershell-profile-list.json')));

  it('lists people: local/domain (S-1-5-21) and Entra ID (S-1-12-1) accounts, with non-ASCII folders', () => {
    expect(profiles).toEqual([
      {
        sid: 'S-1-12-1-3170416484-1286334113-2436593539-2780158737',
        folder: 'C:\\Users\\José',
        user: 'José',
        hiveLoaded: false,
        tempHiveLoaded: false,
      },
      {
        sid: 'S-1-5-21-3623811015-3361044348-30300820-1001',
        folder: 'C:\\Users\\alice',
        user: 'alice',
        hiveLoaded: true,
        tempHiveLoaded: false,
      },
      {
        sid: 'S-1-5-21-3623811015-3361044348-30300820-1002',
        folder: 'C:\\Users\\bob',
        user: 'bob',
        hiveLoaded: false,
        tempHiveLoaded: true,
      },
    ]);
  });

  it('skips service profiles, .bak leftovers and profiles without a ProfileImagePath', () => {
    const sids = profiles.map((p) => p.sid);
    expect(sids).not.toContain('S-1-5-18');
    expect(sids.some((s) => s.endsWith('.bak') || s.endsWith('-1005'))).toBe(false);
  });

  it('reads the single object of a one-profile machine, a trailing backslash and missing flags', () => {
    const rows = parsePowerShellJson(
      '{"Sid":"S-1-5-21-1-2-3-1001","ProfileImagePath":"D:\\\\Profiles\\\\carol\\\\","HiveLoaded":null}',
    );
    expect(parseProfileList(rows)).toEqual([
      {
        sid: 'S-1-5-21-1-2-3-1001',
        folder: 'D:\\Profiles\\carol',
        user: 'carol',
        hiveLoaded: false,
        tempHiveLoaded: false,
      },
    ]);
    expect(parseProfileList(parsePowerShellJson(''))).toEqual([]);
  });
});
