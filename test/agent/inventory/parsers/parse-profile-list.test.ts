import { describe, expect, it } from 'vitest';
import { loadedHives, parseProfileList } from '../../../../agent/inventory/parsers/parse-profile-list.ts';
import { parseRegQuery } from '../../../../agent/inventory/parsers/parse-reg-query.ts';
import { fixture } from './fixture.ts';

describe('parseProfileList', () => {
  const env = { SystemDrive: 'C:', SystemRoot: 'C:\\WINDOWS' };
  const profiles = parseProfileList(parseRegQuery(fixture('win32', 'reg-query-profilelist.txt')), env);

  it('lists people: local/domain (S-1-5-21) and Entra ID (S-1-12-1) accounts, with expanded folders', () => {
    expect(profiles).toEqual([
      {
        sid: 'S-1-12-1-3170416484-1286334113-2436593539-2780158737',
        folder: 'C:\\Users\\José',
        user: 'José',
      },
      { sid: 'S-1-5-21-3623811015-3361044348-30300820-1001', folder: 'C:\\Users\\alice', user: 'alice' },
      { sid: 'S-1-5-21-3623811015-3361044348-30300820-1002', folder: 'C:\\Users\\bob', user: 'bob' },
    ]);
  });

  it('skips service profiles, .bak leftovers and profiles without a ProfileImagePath', () => {
    const sids = profiles.map((p) => p.sid);
    expect(sids).not.toContain('S-1-5-18');
    expect(sids.some((s) => s.endsWith('.bak') || s.endsWith('-1005'))).toBe(false);
  });
});

describe('loadedHives', () => {
  it('lists the SIDs under HKEY_USERS, without the _Classes companions', () => {
    const hives = loadedHives(parseRegQuery(fixture('win32', 'reg-query-hku.txt')));
    expect([...hives].sort()).toEqual([
      '.DEFAULT',
      'IMSCOUT_S-1-5-21-3623811015-3361044348-30300820-1002',
      'S-1-5-18',
      'S-1-5-19',
      'S-1-5-20',
      'S-1-5-21-3623811015-3361044348-30300820-1001',
    ]);
  });
});
