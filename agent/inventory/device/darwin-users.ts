import { parseDsclUsers } from '../parsers/parse-dscl-users.ts';
import { runCommand } from '../run-command.ts';

/** Accounts change rarely: an unknown uid re-reads the directory at most this often. */
const refreshAfterMs = 10 * 60_000;

let cache: { readAt: number; names: Map<number, string> } | undefined;

/**
 * uid → short name from the local directory (`dscl . -list /Users UniqueID`), read once and kept;
 * re-read when a wanted uid is missing and the last read is older than ten minutes. Network
 * accounts (mobile AD accounts are local copies, so they are listed) that are not in the local node
 * stay unknown. Throws when dscl fails and nothing is cached.
 */
export async function darwinUserNames(
  wanted: Iterable<number> = [],
  now = Date.now(),
): Promise<Map<number, string>> {
  const names = cache?.names;
  const missing = names ? [...wanted].some((uid) => !names.has(uid)) : true;
  if (cache && (!missing || now - cache.readAt < refreshAfterMs)) return cache.names;
  try {
    const out = await runCommand('/usr/bin/dscl', ['.', '-list', '/Users', 'UniqueID'], {
      timeoutMs: 10_000,
    });
    cache = { readAt: now, names: parseDsclUsers(out) };
  } catch (error) {
    if (!cache) throw error;
    cache = { ...cache, readAt: now };
  }
  return cache.names;
}
