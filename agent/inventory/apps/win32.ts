import { existsSync } from 'node:fs';
import type { InstalledApp } from '../../../shared/index.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { parseAppxPackages } from '../parsers/parse-appx-packages.ts';
import { parseProfileList, type UserProfile } from '../parsers/parse-profile-list.ts';
import { parseUninstallEntries } from '../parsers/parse-uninstall-entries.ts';
import { runCommand } from '../run-command.ts';
import { powerShellLiteral, runPowerShellJson } from '../run-powershell.ts';

/*
 * The registry is read through PowerShell, never `reg query`: reg.exe prints in the console's OEM
 * code page, which garbles every name outside it (微信, 카카오톡, C:\Users\José), while the PowerShell
 * scripts write UTF-8. reg.exe is still what loads and unloads hives; nothing it prints is read.
 */

const uninstallPath = 'Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall';
const machineRoots = [
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
  // Missing on 32-bit and some ARM installs, which the script takes as "nothing there".
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall',
];

/**
 * Every ProfileList entry and whether its hive is loaded. Subkey names of HKEY_USERS are read
 * without opening the hives, which other users' hives would refuse to a non-elevated caller.
 */
const profileScript = [
  '$hives = [Microsoft.Win32.Registry]::Users.GetSubKeyNames()',
  "Get-ChildItem -LiteralPath 'Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList' -ErrorAction Stop | ForEach-Object { [pscustomobject]@{ Sid = $_.PSChildName; ProfileImagePath = $_.GetValue('ProfileImagePath'); HiveLoaded = $hives -contains $_.PSChildName; TempHiveLoaded = $hives -contains ('imscout_' + $_.PSChildName) } } | ConvertTo-Json",
].join('; ');

/**
 * Lists the subkeys of one Uninstall key: a missing key gives nothing, one that cannot be listed
 * gives an Error row. -LiteralPath because key names may hold wildcard characters; GetValue expands
 * REG_EXPAND_SZ data and gives null for an absent value.
 */
const readUninstallFunction =
  "function Read-Uninstall([string] $Root, $Sid) { $path = 'Registry::' + $Root; if (-not (Test-Path -LiteralPath $path)) { return }; $failed = $null; Get-ChildItem -LiteralPath $path -ErrorAction SilentlyContinue -ErrorVariable failed | ForEach-Object { [pscustomobject]@{ Key = $_.Name; Sid = $Sid; DisplayName = $_.GetValue('DisplayName'); DisplayVersion = $_.GetValue('DisplayVersion'); Publisher = $_.GetValue('Publisher'); InstallLocation = $_.GetValue('InstallLocation'); DisplayIcon = $_.GetValue('DisplayIcon'); SystemComponent = $_.GetValue('SystemComponent') } }; foreach ($e in $failed) { [pscustomobject]@{ Key = $Root; Error = $e.Exception.Message } } }";

/**
 * One script for the machine's Uninstall keys and those of every readable profile, given as SID →
 * the name of its hive under HKEY_USERS (the SID itself, or imscout_<SID> when we loaded it).
 */
function uninstallScript(hives: ReadonlyMap<string, string>): string {
  const reads = [
    ...machineRoots.map((root) => `Read-Uninstall ${powerShellLiteral(root)} $null`),
    ...[...hives].map(
      ([sid, hive]) =>
        `Read-Uninstall ${powerShellLiteral(`HKEY_USERS\\${hive}\\${uninstallPath}`)} ${powerShellLiteral(sid)}`,
    ),
  ];
  return `${readUninstallFunction}; @(${reads.join('; ')}) | ConvertTo-Json`;
}

const appxScript =
  'Get-AppxPackage -AllUsers | Select-Object Name, PackageFamilyName, Version, InstallLocation, Publisher, IsFramework | ConvertTo-Json';

function regExe(): string {
  return `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\reg.exe`;
}

/** A user's hive is loaded under a name of ours only for as long as it is read. */
const tempHive = (sid: string) => `imscout_${sid}`;

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function unloadHive(name: string): Promise<void> {
  try {
    await runCommand(regExe(), ['unload', `HKU\\${name}`], { timeoutMs: 10_000 });
  } catch {
    // The PowerShell that held the hive has only just exited; give Windows a moment, once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await runCommand(regExe(), ['unload', `HKU\\${name}`], { timeoutMs: 10_000 });
  }
}

/**
 * Makes one profile's hive readable and returns its name under HKEY_USERS: the user's own when it
 * is loaded, else their NTUSER.DAT loaded as imscout_<SID> (added to `ours`, to unload); undefined
 * when the profile has no NTUSER.DAT.
 */
async function openHive(profile: UserProfile, ours: string[]): Promise<string | undefined> {
  const temp = tempHive(profile.sid);
  if (profile.hiveLoaded) {
    // Both loaded: ours is left over from an interrupted scan, and a loaded copy of a user's hive is
    // what makes Windows give that user a temporary profile at their next logon.
    if (profile.tempHiveLoaded) await unloadHive(temp).catch(() => undefined);
    return profile.sid;
  }
  if (!profile.tempHiveLoaded) {
    const file = `${profile.folder}\\NTUSER.DAT`;
    if (!existsSync(file)) return undefined;
    await runCommand(regExe(), ['load', `HKU\\${temp}`, file], { timeoutMs: 15_000 });
  }
  ours.push(temp);
  return temp;
}

async function readProfiles(warnings: InventoryWarning[]): Promise<UserProfile[]> {
  try {
    return parseProfileList(await runPowerShellJson(profileScript, { timeoutMs: 10_000 }));
  } catch (error) {
    warnings.push({ facet: 'apps', message: `profiles: ${failure(error)}` });
    return [];
  }
}

/**
 * The machine's uninstall entries (64- and 32-bit views) and every profile's own, logged in or
 * not. Logged-off users' hives are loaded one at a time, then all read in one PowerShell call and
 * unloaded as soon as it exits, whatever happened: about the second PowerShell takes to start. A
 * user logging on in that second would get a temporary profile.
 */
async function uninstallApps(warnings: InventoryWarning[]): Promise<InstalledApp[]> {
  const profiles = await readProfiles(warnings);
  const hives = new Map<string, string>();
  const ours: string[] = [];
  try {
    for (const profile of profiles) {
      try {
        const hive = await openHive(profile, ours);
        if (hive) hives.set(profile.sid, hive);
      } catch (error) {
        warnings.push({
          facet: 'apps',
          message: `profile ${profile.user} (${profile.sid}): ${failure(error)}`,
        });
      }
    }
    const rows = await runPowerShellJson(uninstallScript(hives), { timeoutMs: 15_000 });
    const users = new Map(profiles.map((p) => [p.sid, p.user]));
    const { apps, unreadable } = parseUninstallEntries(rows, users);
    for (const { key, message } of unreadable)
      warnings.push({ facet: 'apps', message: `${key}: ${message}` });
    return apps;
  } finally {
    for (const hive of ours) {
      await unloadHive(hive).catch((error: unknown) =>
        warnings.push({ facet: 'apps', message: `HKU\\${hive} is still loaded: ${failure(error)}` }),
      );
    }
  }
}

async function appxApps(): Promise<InstalledApp[]> {
  return parseAppxPackages(await runPowerShellJson(appxScript, { timeoutMs: 15_000 }));
}

/**
 * Installed apps on Windows: uninstall entries of the machine and of every profile, and Store/MSIX
 * packages of all users. Needs SYSTEM or an elevated administrator to load other users' hives and
 * list their packages.
 */
export async function listApps(): Promise<FacetResult<InstalledApp>> {
  const warnings: InventoryWarning[] = [];
  const sources: [string, (w: InventoryWarning[]) => Promise<InstalledApp[]>][] = [
    ['uninstall', uninstallApps],
    ['appx', appxApps],
  ];
  const results = await Promise.all(
    sources.map(async ([name, read]) => {
      try {
        return await read(warnings);
      } catch (error) {
        warnings.push({ facet: 'apps', message: `${name}: ${failure(error)}` });
        return [];
      }
    }),
  );
  return { items: results.flat(), warnings };
}
