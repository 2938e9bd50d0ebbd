import type { InstalledApp } from '../../../shared/index.ts';
import { intField, type PowerShellRow, textField } from './parse-powershell-json.ts';

/**
 * Installed apps, the way "Apps & features" lists them, from the rows of the uninstall script in
 * apps/win32.ts. Each row is one subkey of an Uninstall key: `Key`, its full path
 * (`HKEY_LOCAL_MACHINE\…\Uninstall\7-Zip`, `HKEY_USERS\<hive>\…\Uninstall\slack`); `Sid`, the profile
 * it was read for (null for the machine's keys); and its DisplayName, DisplayVersion, Publisher,
 * InstallLocation, DisplayIcon (strings, environment references already expanded) and
 * SystemComponent (a DWORD) values, null when absent. An Uninstall key that could not be listed
 * gives a row with `Key` and `Error` instead. Pure.
 */

export type UninstallEntries = {
  readonly apps: InstalledApp[];
  /** Uninstall keys that exist but could not be listed, with PowerShell's (localised) message. */
  readonly unreadable: { readonly key: string; readonly message: string }[];
};

/** Strips quotes and a trailing backslash: `"C:\Program Files\Slack\"` → `C:\Program Files\Slack`. */
function cleanFolder(text: string): string | undefined {
  const folder = text
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (folder === '') return undefined;
  return /^[A-Za-z]:\\$/.test(folder) ? folder : folder.replace(/\\+$/, '');
}

/**
 * The folder of a DisplayIcon value, which is a file path, optionally quoted, optionally followed
 * by `,<icon index>`: `"C:\…\Signal.exe",0` → `C:\…`.
 */
export function displayIconFolder(displayIcon: string): string | undefined {
  let file = displayIcon.trim();
  const quoted = /^"([^"]*)"/.exec(file);
  if (quoted) file = quoted[1] as string;
  else file = file.replace(/,\s*-?\d+$/, '');
  const cut = file.lastIndexOf('\\');
  if (cut <= 0 || !/^(?:[A-Za-z]:\\|\\\\|%)/.test(file)) return undefined;
  return cleanFolder(file.slice(0, cut + 1));
}

/**
 * Apps from the direct subkeys of Uninstall keys; `users` names the profile of each SID (upper
 * case), and a SID it lacks is reported as itself. Entries Windows itself hides are skipped:
 * SystemComponent=1, and keys without a DisplayName (placeholders like AddressBook, IE40).
 */
export function parseUninstallEntries(
  rows: readonly PowerShellRow[],
  users: ReadonlyMap<string, string>,
): UninstallEntries {
  const apps: InstalledApp[] = [];
  const unreadable: { key: string; message: string }[] = [];
  for (const row of rows) {
    const key = textField(row, 'Key');
    if (!key) continue;
    const error = textField(row, 'Error');
    if (error) {
      unreadable.push({ key, message: error });
      continue;
    }
    if (!/\\Uninstall\\[^\\]+$/i.test(key)) continue;
    const name = textField(row, 'DisplayName');
    if (!name || intField(row, 'SystemComponent') === 1) continue;
    const sid = textField(row, 'Sid')?.toUpperCase();
    const location = textField(row, 'InstallLocation');
    const icon = textField(row, 'DisplayIcon');
    apps.push({
      name,
      version: textField(row, 'DisplayVersion'),
      publisher: textField(row, 'Publisher'),
      path: (location && cleanFolder(location)) ?? (icon ? displayIconFolder(icon) : undefined),
      source: sid ? 'registry-user' : 'registry-machine',
      user: sid ? (users.get(sid) ?? sid) : undefined,
    });
  }
  return { apps, unreadable };
}
