import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { InstalledApp } from '../../../shared/index.ts';
import { bundleFacts } from '../executables/app-bundle-info.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { bundleFolderName } from '../parsers/app-bundle-path.ts';

/** A folder where people keep apps, and whose it is (undefined: the machine's). */
type Place = { readonly dir: string; readonly user: string | undefined };

const usersRoot = '/Users';

/**
 * The machine's app folders, then each account's ~/Applications, ~/Downloads and ~/Desktop, whether
 * the account is logged in or not: an app dragged out of a disk image often never leaves Downloads.
 */
async function places(warnings: InventoryWarning[]): Promise<Place[]> {
  const out: Place[] = [
    { dir: '/Applications', user: undefined },
    { dir: '/System/Applications', user: undefined },
  ];
  let homes: Dirent[] = [];
  try {
    homes = await readdir(usersRoot, { withFileTypes: true });
  } catch (error) {
    warnings.push({ facet: 'apps', message: `${usersRoot}: ${(error as Error).message}` });
  }
  for (const home of homes) {
    if (!home.isDirectory() || home.name.startsWith('.') || home.name === 'Shared') continue;
    for (const sub of ['Applications', 'Downloads', 'Desktop']) {
      out.push({ dir: `${usersRoot}/${home.name}/${sub}`, user: home.name });
    }
  }
  return out;
}

/**
 * `.app` bundles in a folder and in its direct subfolders (/Applications/Utilities, a vendor's
 * folder, an unpacked zip in Downloads). Bundles are not entered: their helpers are not apps.
 */
async function findBundles(dir: string, depth: number, warnings: InventoryWarning[]): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Downloads and Desktop are privacy-protected: without Full Disk Access even root gets EPERM.
    if (depth > 0 && code !== 'ENOENT' && code !== 'ENOTDIR') {
      warnings.push({ facet: 'apps', message: `${dir}: ${code ?? (error as Error).message}` });
    }
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = `${dir}/${entry.name}`;
    if (entry.name.endsWith('.app')) {
      if (entry.isDirectory() || entry.isSymbolicLink()) found.push(path);
    } else if (depth > 0 && entry.isDirectory()) {
      found.push(...(await findBundles(path, depth - 1, warnings)));
    }
  }
  return found;
}

/** Installed apps on macOS: every `.app` bundle in the machine's and each account's app folders. */
export async function listApps(): Promise<FacetResult<InstalledApp>> {
  const warnings: InventoryWarning[] = [];
  const located: { path: string; user: string | undefined }[] = [];
  for (const place of await places(warnings)) {
    for (const path of await findBundles(place.dir, 1, warnings)) located.push({ path, user: place.user });
  }
  const bundles = await bundleFacts(
    located.map((l) => l.path),
    { withSigner: false, facet: 'apps' },
  );
  warnings.push(...bundles.warnings);
  const items = located.map(({ path, user }): InstalledApp => {
    const info = bundles.facts.get(path)?.info;
    return {
      name: info?.name ?? bundleFolderName(path),
      version: info?.version,
      path,
      bundleId: info?.bundleId,
      source: 'applications-folder',
      user,
    };
  });
  return { items, warnings };
}
