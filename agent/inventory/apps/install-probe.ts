import { glob } from 'node:fs/promises';
import { type DeviceOs, type InstalledApp, patternToGlobs } from '../../../shared/index.ts';
import type { FacetResult, InventoryWarning } from '../facet-result.ts';

/** Files reported per pattern at most: a pattern that suddenly matches thousands is a bad pattern. */
const maxPerPattern = 200;

/** The account a per-user path belongs to (`C:/Users/alice/…`, `/Users/alice/…`, `/home/alice/…`). */
function ownerOf(path: string): string | undefined {
  const match =
    /^(?:[A-Za-z]:)?\/(?:Users|home|var\/home)\/([^/]+)\//i.exec(path) ?? /^\/(root)\//.exec(path);
  return match?.[1];
}

/**
 * Looks on disk for the executables the catalog names, for every user, logged in or not: per-user
 * installs without an uninstall entry (portable Telegram, Squirrel apps in %LOCALAPPDATA%) and copies
 * in home folders. Each file found is an installed app of source `user-profile-scan`.
 */
export async function probeInstallPaths(
  os: DeviceOs,
  patterns: readonly string[],
  systemDrive = process.env.SystemDrive ?? 'C:',
): Promise<FacetResult<InstalledApp>> {
  const key = `${os}\u0000${systemDrive}\u0000${patterns.join('\u0000')}`;
  if (cached && cached.key === key && Date.now() - cached.at < probeCacheMs) return cached.result;
  const result = await probe(os, patterns, systemDrive);
  cached = { key, at: Date.now(), result };
  return result;
}

/**
 * Walking every catalog location costs tens of milliseconds, more than the rest of a scan's reading:
 * it is done at most every 15 minutes. Running clients are seen at once by the process facet; only
 * an install that is neither running nor registered waits that long to appear.
 */
const probeCacheMs = 15 * 60_000;
let cached: { key: string; at: number; result: FacetResult<InstalledApp> } | undefined;

async function probe(
  os: DeviceOs,
  patterns: readonly string[],
  systemDrive: string,
): Promise<FacetResult<InstalledApp>> {
  const warnings: InventoryWarning[] = [];
  const found = new Map<string, InstalledApp>();
  for (const pattern of patterns) {
    for (const fsGlob of patternToGlobs(os, pattern, systemDrive)) {
      let count = 0;
      try {
        for await (const path of glob(fsGlob)) {
          const slashed = os === 'windows' ? path.replaceAll('\\', '/') : path;
          if (!found.has(slashed)) {
            found.set(slashed, {
              name: slashed.slice(slashed.lastIndexOf('/') + 1),
              path: os === 'windows' ? slashed.replaceAll('/', '\\') : slashed,
              source: 'user-profile-scan',
              user: ownerOf(slashed),
            });
          }
          if (++count >= maxPerPattern) {
            warnings.push({
              facet: 'apps',
              message: `install probe ${pattern}: stopped after ${maxPerPattern} files`,
            });
            break;
          }
        }
      } catch (error) {
        warnings.push({ facet: 'apps', message: `install probe ${pattern}: ${(error as Error).message}` });
      }
    }
  }
  return { items: [...found.values()], warnings };
}
