import type { InstalledApp } from '../../../shared/index.ts';
import { boolField, type PowerShellRow, textField } from './parse-powershell-json.ts';

/**
 * Rows of `Get-AppxPackage -AllUsers | Select-Object Name, PackageFamilyName, Version,
 * InstallLocation, Publisher, IsFramework | ConvertTo-Json`: Microsoft Store and other MSIX apps. Pure.
 */

/**
 * The organisation in a package's publisher subject: `O=` when present, else `CN=` (Store-signed
 * packages have only a `CN=<GUID>`); the raw subject when it has neither.
 */
export function publisherName(subject: string): string {
  const attributes = new Map<string, string>();
  for (const match of subject.matchAll(/(?:^|,)\s*([A-Za-z.]+)=("(?:[^"]|"")*"|[^,]*)/g)) {
    let value = (match[2] as string).trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/""/g, '"');
    const key = (match[1] as string).toUpperCase();
    if (!attributes.has(key)) attributes.set(key, value);
  }
  return attributes.get('O') || attributes.get('CN') || subject.trim();
}

/**
 * One app per package. Frameworks (VCLibs, .NET Native runtimes, WinAppRuntime) are dependencies,
 * not apps anyone installed, and are skipped; rows without a Name too.
 */
export function parseAppxPackages(rows: readonly PowerShellRow[]): InstalledApp[] {
  const apps: InstalledApp[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const name = textField(row, 'Name');
    if (!name || boolField(row, 'IsFramework') === true) continue;
    const version = textField(row, 'Version');
    const path = textField(row, 'InstallLocation');
    // -AllUsers lists one row per installed architecture or staged copy; one app per version is enough.
    const key = `${name}\n${version ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const publisher = textField(row, 'Publisher');
    apps.push({
      name,
      version,
      path,
      publisher: publisher ? publisherName(publisher) : undefined,
      source: 'appx',
    });
  }
  return apps;
}
