import { boolField, type PowerShellRow, textField } from './parse-powershell-json.ts';

/**
 * Who has a profile on a Windows machine, from the rows of the profile script in apps/win32.ts: one
 * per subkey of `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList`, with `Sid` (the
 * key's name), `ProfileImagePath` (already expanded by the registry API) and whether HKEY_USERS holds
 * the user's hive (`HiveLoaded`) or a copy of it loaded by an earlier scan (`TempHiveLoaded`). Pure.
 */

export type UserProfile = {
  readonly sid: string;
  /** ProfileImagePath: `C:\Users\alice`. */
  readonly folder: string;
  /** The profile folder's name, which is what we report as the user. */
  readonly user: string;
  /** HKU\<SID> is loaded: the user is logged in, or a service runs as them. */
  readonly hiveLoaded: boolean;
  /** HKU\imscout_<SID> is loaded: left over from a scan that was interrupted. */
  readonly tempHiveLoaded: boolean;
};

/**
 * Local and domain accounts (S-1-5-21-…) and Entra ID accounts (S-1-12-1-…). Service profiles
 * (S-1-5-18/19/20) are not people; `<SID>.bak` keys are what Windows leaves of a broken profile.
 */
const personSid = /^S-1-(?:5-21|12-1)(?:-\d+)+$/i;

export function parseProfileList(rows: readonly PowerShellRow[]): UserProfile[] {
  const profiles: UserProfile[] = [];
  for (const row of rows) {
    const sid = textField(row, 'Sid');
    const raw = textField(row, 'ProfileImagePath');
    if (!sid || !personSid.test(sid) || !raw) continue;
    const folder = raw.replace(/\\+$/, '');
    const user = folder.slice(folder.lastIndexOf('\\') + 1);
    if (!user) continue;
    profiles.push({
      sid: sid.toUpperCase(),
      folder,
      user,
      hiveLoaded: boolField(row, 'HiveLoaded') === true,
      tempHiveLoaded: boolField(row, 'TempHiveLoaded') === true,
    });
  }
  return profiles;
}
