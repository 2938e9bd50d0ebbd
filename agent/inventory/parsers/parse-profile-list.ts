import { expandEnvironment, type RegKey, regKeyName, regString } from './parse-reg-query.ts';

/**
 * Who has a profile on a Windows machine, from `reg query "HKLM\SOFTWARE\Microsoft\Windows
 * NT\CurrentVersion\ProfileList" /s`, and whose registry hive is loaded, from `reg query HKU`. Pure.
 */

export type UserProfile = {
  readonly sid: string;
  /** ProfileImagePath, expanded: `C:\Users\alice`. */
  readonly folder: string;
  /** The profile folder's name, which is what we report as the user. */
  readonly user: string;
};

/**
 * Local and domain accounts (S-1-5-21-…) and Entra ID accounts (S-1-12-1-…). Service profiles
 * (S-1-5-18/19/20) are not people; `<SID>.bak` keys are what Windows leaves of a broken profile.
 */
const personSid = /^S-1-(?:5-21|12-1)(?:-\d+)+$/;

export function parseProfileList(
  keys: readonly RegKey[],
  env: Readonly<Record<string, string | undefined>>,
): UserProfile[] {
  const profiles: UserProfile[] = [];
  for (const key of keys) {
    const sid = regKeyName(key);
    if (!personSid.test(sid)) continue;
    const raw = regString(key, 'ProfileImagePath');
    if (!raw) continue;
    const folder = expandEnvironment(raw, env).replace(/\\+$/, '');
    const user = folder.slice(folder.lastIndexOf('\\') + 1);
    if (user) profiles.push({ sid, folder, user });
  }
  return profiles;
}

/** SIDs whose hive is loaded under HKEY_USERS (`…_Classes` companions are not user hives). */
export function loadedHives(keys: readonly RegKey[]): Set<string> {
  const sids = new Set<string>();
  for (const key of keys) {
    const match = /^HKEY_USERS\\([^\\]+)$/i.exec(key.path);
    if (match && !/_Classes$/i.test(match[1] as string)) sids.add((match[1] as string).toUpperCase());
  }
  return sids;
}
