import { describe, expect, it } from 'vitest';
import { parseDsclUsers } from '../../../../agent/inventory/parsers/parse-dscl-users.ts';
import { fixture } from './fixture.ts';

describe('parseDsclUsers', () => {
  const users = parseDsclUsers(fixture('darwin', 'dscl-list-users-uniqueid.txt'));

  it('maps every uid of a recorded `dscl . -list /Users UniqueID` to its short name', () => {
    expect(users.get(0)).toBe('root');
    expect(users.get(1)).toBe('daemon');
    expect(users.get(501)).toBe('alice');
    expect(users.get(502)).toBe('bob');
    expect(users.get(503)).toBe('it-admin');
    expect(users.get(65)).toBe('_mdnsresponder');
    expect(users.get(262)).toBe('_cmiodalassistants');
  });

  it('keys nobody (-2) by its unsigned form too, as ps may print it', () => {
    expect(users.get(-2)).toBe('nobody');
    expect(users.get(4294967294)).toBe('nobody');
  });

  it('does not invent accounts', () => {
    expect(users.get(504)).toBeUndefined();
  });

  it('skips blank and malformed lines', () => {
    const parsed = parseDsclUsers(
      'alice                    501\n\ngarbage\nbob    not-a-number\n   \ncarol 505 extra\n',
    );
    expect([...parsed]).toEqual([[501, 'alice']]);
  });
});
