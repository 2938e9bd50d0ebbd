/**
 * Parser for `dscl . -list /Users UniqueID`: one account a line, the short name padded with spaces
 * to a column, then the uid. Pure: takes the output, never runs dscl.
 */

/** uid → short name. Negative uids (nobody is -2) are also keyed by their unsigned 32-bit form, which is how `ps` may print them. */
export function parseDsclUsers(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(-?\d+)\s*$/.exec(line);
    if (!match) continue;
    const name = match[1] as string;
    const uid = Number(match[2]);
    if (!Number.isSafeInteger(uid)) continue;
    users.set(uid, name);
    if (uid < 0) users.set(uid >>> 0, name);
  }
  return users;
}
