import { existsSync } from 'node:fs';
import type { InstalledApp } from '../../../shared/index.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { parseAppxPackages } from '../parsers/parse-appx-packages.ts';
import { loadedHives, parseProfileList, type UserProfile } from '../parsers/parse-profile-list.ts';
import { parseRegQuery, type RegKey } from '../parsers/parse-reg-query.ts';
import { type UninstallSource, uninstallEntries } from '../parsers/parse-uninstall-entries.ts';
import { runCommand, runCommandOutput } from '../run-command.ts';
import { runPowerShellJson } from '../run-powershell.ts';

const uninstallPath = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const machineKeys = [
  `HKLM\\${uninstallPath}`,
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
];
const profileListKey = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
const appxScript =
  'Get-AppxPackage -AllUsers | Select-Object Name, PackageFamilyName, Version, InstallLocation, Publisher, IsFramework | ConvertTo-Json';

function regExe(): string {
  return `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\reg.exe`;
}

/**
 * `reg query <key> /s`. reg exits 1 when the key does not exist, with a message translated on
 * localised Windows, so exit 1 reads as "no such key" (undefined); anything else throws.
 */
async function queryKeys(key: string): Promise<RegKey[] | undefined> {
  const { stdout, stderr } = await runCommandOutput(regExe(), ['query', key, '/s'], {
    timeoutMs: 15_000,
    okExitCodes: [0, 1],
  });
  if (stdout.trim() === '' && stderr.trim() !== '') return undefined;
  return parseRegQuery(stdout);
}

/** A user's hive is loaded under a name of ours only for as long as it is read. */
const tempHive = (sid: string) => `HKU\\imscout_${sid}`;

async function unloadHive(name: string): Promise<void> {
  try {
    await runCommand(regExe(), ['unload', name], { timeoutMs: 10_000 });
  } catch {
    // The reg query that held the hive has only just exited; give Windows a moment, once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runCommand(regExe(), ['unload', name], { timeoutMs: 10_000 });
  }
}

/**
 * One profile's per-user uninstall entries: from HKU\<SID> when the user's hive is loaded (logged
 * in, or a service running as them), else from their NTUSER.DAT loaded for the duration of the read.
 * A hive of ours left loaded by an interrupted scan is unloaded. Loading takes under a second;
 * a user logging on in that second would get a temporary profile, which is why nothing else
 * happens while the hive is loaded.
 */
async function userApps(profile: UserProfile, loaded: ReadonlySet<string>): Promise<InstalledApp[]> {
  const origin: UninstallSource = { source: 'registry-user', user: profile.user };
  const sid = profile.sid.toUpperCase();
  const hive = tempHive(profile.sid);
  const oursLoaded = loaded.has(`IMSCOUT_${sid}`);
  if (loaded.has(sid)) {
    // Both loaded: ours is left over from an interrupted scan, and a loaded copy of a user's hive is
    // what makes Windows give that user a temporary profile at their next logon.
    if (oursLoaded) await unloadHive(hive).catch(() => undefined);
    return uninstallEntries((await queryKeys(`HKU\\${profile.sid}\\${uninstallPath}`)) ?? [], origin);
  }
  if (!oursLoaded) {
    const file = `${profile.folder}\\NTUSER.DAT`;
    if (!existsSync(file)) return [];
    await runCommand(regExe(), ['load', hive, file], { timeoutMs: 15_000 });
  }
  try {
    return uninstallEntries((await queryKeys(`${hive}\\${uninstallPath}`)) ?? [], origin);
  } finally {
    await unloadHive(hive);
  }
}

async function machineApps(warnings: InventoryWarning[]): Promise<InstalledApp[]> {
  const apps: InstalledApp[] = [];
  for (const key of machineKeys) {
    const keys = await queryKeys(key);
    // The 64-bit view always exists; WOW6432Node is missing on 32-bit and some ARM installs.
    if (!keys && key === machineKeys[0]) warnings.push({ facet: 'apps', message: `${key}: not readable` });
    apps.push(...uninstallEntries(keys ?? [], { source: 'registry-machine' }));
  }
  return apps;
}

async function allUsersApps(warnings: InventoryWarning[]): Promise<InstalledApp[]> {
  const [profileKeys, hiveKeys] = await Promise.all([
    queryKeys(profileListKey),
    runCommand(regExe(), ['query', 'HKU']),
  ]);
  const profiles = parseProfileList(profileKeys ?? [], process.env);
  const loaded = loadedHives(parseRegQuery(hiveKeys));
  const apps: InstalledApp[] = [];
  // One at a time: each may load a hive, and hives are a machine-wide resource.
  for (const profile of profiles) {
    try {
      apps.push(...(await userApps(profile, loaded)));
    } catch (error) {
      warnings.push({
        facet: 'apps',
        message: `profile ${profile.user} (${profile.sid}): ${(error as Error).message}`,
      });
    }
  }
  return apps;
}

async function appxApps(): Promise<InstalledApp[]> {
  return parseAppxPackages(await runPowerShellJson(appxScript, { timeoutMs: 15_000 }));
}

/**
 * Installed apps on Windows: the machine's uninstall entries (64- and 32-bit views), every
 * profile's own (logged in or not), and Store/MSIX packages of all users. Needs SYSTEM or an
 * elevated administrator to load other users' hives and list their packages.
 */
export async function listApps(): Promise<FacetResult<InstalledApp>> {
  const warnings: InventoryWarning[] = [];
  const sources: [string, (w: InventoryWarning[]) => Promise<InstalledApp[]>][] = [
    ['uninstall (machine)', machineApps],
    ['uninstall (users)', allUsersApps],
    ['appx', appxApps],
  ];
  const results = await Promise.all(
    sources.map(async ([name, read]) => {
      try {
        return await read(warnings);
      } catch (error) {
        warnings.push({ facet: 'apps', message: `${name}: ${(error as Error).message}` });
        return [];
      }
    }),
  );
  return { items: results.flat(), warnings };
}
