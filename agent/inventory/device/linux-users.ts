import { readFileSync, statSync } from 'node:fs';
import { type PasswdEntry, parsePasswd } from '../parsers/parse-proc.ts';

let cache: { mtimeMs: number; entries: PasswdEntry[] } | undefined;

/** /etc/passwd, re-read only when it changes. */
export function passwdEntries(path = '/etc/passwd'): PasswdEntry[] {
  try {
    const { mtimeMs } = statSync(path);
    if (cache?.mtimeMs !== mtimeMs) cache = { mtimeMs, entries: parsePasswd(readFileSync(path, 'utf8')) };
    return cache.entries;
  } catch {
    return [];
  }
}

export function userNames(): Map<number, string> {
  return new Map(passwdEntries().map((e) => [e.uid, e.name]));
}

const noLogin = /(?:nologin|false|sync|halt|shutdown)$/;

/** Accounts that are people: uid ≥ 1000 with a login shell, plus root. Logged in or not. */
export function humanAccounts(): PasswdEntry[] {
  return passwdEntries().filter(
    (e) => e.uid === 0 || (e.uid >= 1000 && e.uid < 60000 && !noLogin.test(e.shell)),
  );
}
