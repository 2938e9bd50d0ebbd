import type { InstalledApp } from '../../../shared/index.ts';
import { type RegKey, regNumber, regParentPath, regString } from './parse-reg-query.ts';

/**
 * Turns the keys of `reg query …\CurrentVersion\Uninstall /s` into installed apps, the way
 * "Apps & features" lists them. Pure.
 */

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

export type UninstallSource = {
  readonly source: 'registry-machine' | 'registry-user';
  readonly user?: string;
};

/**
 * Apps from the direct subkeys of an Uninstall key. Entries Windows itself hides are skipped:
 * SystemComponent=1, and keys without a DisplayName (placeholders like AddressBook, IE40).
 */
export function uninstallEntries(keys: readonly RegKey[], origin: UninstallSource): InstalledApp[] {
  const apps: InstalledApp[] = [];
  for (const key of keys) {
    if (!/\\Uninstall$/i.test(regParentPath(key))) continue;
    const name = regString(key, 'DisplayName');
    if (!name || regNumber(key, 'SystemComponent') === 1) continue;
    const location = regString(key, 'InstallLocation');
    const icon = regString(key, 'DisplayIcon');
    apps.push({
      name,
      version: regString(key, 'DisplayVersion'),
      publisher: regString(key, 'Publisher'),
      path: (location && cleanFolder(location)) ?? (icon ? displayIconFolder(icon) : undefined),
      source: origin.source,
      user: origin.user,
    });
  }
  return apps;
}
