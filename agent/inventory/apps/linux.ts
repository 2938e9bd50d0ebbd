import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { InstalledApp } from '../../../shared/index.ts';
import { humanAccounts } from '../device/linux-users.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';
import { parseDesktopFile } from '../parsers/parse-desktop-file.ts';
import { parseDpkgStatus } from '../parsers/parse-dpkg-status.ts';
import { runCommand } from '../run-command.ts';

/** A source re-read only when its file or folder changes (dpkg status, app folders). */
const cache = new Map<string, { mtimeMs: number; apps: InstalledApp[] }>();

async function cached(key: string, read: () => Promise<InstalledApp[]>): Promise<InstalledApp[]> {
  const { mtimeMs } = await stat(key);
  const hit = cache.get(key);
  if (hit && hit.mtimeMs === mtimeMs) return hit.apps;
  const apps = await read();
  cache.set(key, { mtimeMs, apps });
  return apps;
}

async function dpkgApps(): Promise<InstalledApp[]> {
  const path = '/var/lib/dpkg/status';
  if (!existsSync(path)) return [];
  return cached(path, async () =>
    parseDpkgStatus(await readFile(path, 'utf8')).map((p) => ({
      name: p.name,
      version: p.version,
      publisher: p.maintainer,
      source: 'dpkg',
    })),
  );
}

async function rpmApps(): Promise<InstalledApp[]> {
  const db = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'].find((d) => existsSync(d));
  if (!db || existsSync('/var/lib/dpkg/status')) return [];
  return cached(db, async () => {
    const out = await runCommand('rpm', ['-qa', '--qf', '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n']);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, version, vendor] = line.split('\t');
        return {
          name: name as string,
          version,
          publisher: vendor === '(none)' ? undefined : vendor,
          source: 'rpm',
        };
      });
  });
}

async function folderNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}

async function snapApps(): Promise<InstalledApp[]> {
  if (!existsSync('/snap')) return [];
  return cached('/snap', async () => {
    const names = (await folderNames('/snap')).filter(
      (n) => n !== 'bin' && n !== 'core' && !/^core\d+$/.test(n),
    );
    return names.map((name) => ({ name, path: `/snap/${name}`, source: 'snap' }));
  });
}

/** Flatpak apps installed system-wide and per user, each user's whether logged in or not. */
async function flatpakApps(homes: readonly { name: string; home: string }[]): Promise<InstalledApp[]> {
  const places = [{ dir: '/var/lib/flatpak/app', user: undefined as string | undefined }];
  for (const h of homes) places.push({ dir: `${h.home}/.local/share/flatpak/app`, user: h.name });
  const out: InstalledApp[] = [];
  for (const { dir, user } of places) {
    for (const id of await folderNames(dir))
      out.push({ name: id, path: `${dir}/${id}`, source: 'flatpak', user });
  }
  return out;
}

async function desktopApps(homes: readonly { name: string; home: string }[]): Promise<InstalledApp[]> {
  const places = [
    { dir: '/usr/share/applications', user: undefined as string | undefined },
    { dir: '/usr/local/share/applications', user: undefined },
    { dir: '/var/lib/flatpak/exports/share/applications', user: undefined },
    { dir: '/var/lib/snapd/desktop/applications', user: undefined },
  ];
  for (const h of homes) places.push({ dir: `${h.home}/.local/share/applications`, user: h.name });
  const out: InstalledApp[] = [];
  for (const { dir, user } of places) {
    if (!existsSync(dir)) continue;
    const apps = await cached(dir, async () => {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.desktop'));
      const found: InstalledApp[] = [];
      for (const file of files) {
        const entry = parseDesktopFile(await readFile(`${dir}/${file}`, 'utf8').catch(() => ''));
        if (entry) found.push({ name: entry.name, path: `${dir}/${file}`, source: 'desktop-file', user });
      }
      return found;
    });
    out.push(...apps);
  }
  return out;
}

/** Installed apps on Linux: distribution packages, snaps, flatpaks and desktop entries of every account. */
export async function listApps(): Promise<FacetResult<InstalledApp>> {
  const homes = humanAccounts().filter((a) => a.home && a.home !== '/');
  const warnings: InventoryWarning[] = [];
  const sources: [string, () => Promise<InstalledApp[]>][] = [
    ['dpkg', dpkgApps],
    ['rpm', rpmApps],
    ['snap', snapApps],
    ['flatpak', () => flatpakApps(homes)],
    ['desktop-file', () => desktopApps(homes)],
  ];
  const items: InstalledApp[] = [];
  for (const [name, read] of sources) {
    try {
      items.push(...(await read()));
    } catch (error) {
      warnings.push({ facet: 'apps', message: `${name}: ${(error as Error).message}` });
    }
  }
  return { items, warnings };
}
