import { stat } from 'node:fs/promises';
import type { InventoryWarning } from '../facet-result.ts';
import { codesignSigner, parseCodesign } from '../parsers/parse-codesign.ts';
import { type BundleInfo, parsePlutilJson } from '../parsers/parse-plutil-json.ts';
import { runCommand, runCommandOutput } from '../run-command.ts';

/**
 * What macOS `.app` bundles say about themselves (Info.plist) and who signed them (codesign),
 * shared by the process and app facets. Each bundle is read once and remembered until its
 * Info.plist changes (an update rewrites it), so repeated scans spawn nothing new.
 */

export type BundleFacts = {
  /** Undefined when the bundle has no readable Info.plist. */
  readonly info: BundleInfo | undefined;
  /** Only when asked for: the Developer ID authority or Team ID (see codesignSigner). */
  readonly signer: string | undefined;
};

type Entry = {
  readonly mtimeMs: number;
  readonly info: Promise<BundleInfo | undefined>;
  signer?: Promise<string | undefined>;
};

const cache = new Map<string, Entry>();

/** Bundles read at once: each read is a short-lived plutil or codesign process. */
const concurrency = 8;

/** Paths handed to plutil and codesign are absolute, so none can be taken for an option. */
async function readInfo(plist: string): Promise<BundleInfo | undefined> {
  const json = await runCommand('/usr/bin/plutil', ['-convert', 'json', '-o', '-', plist], {
    timeoutMs: 10_000,
  });
  return parsePlutilJson(json);
}

async function readSigner(bundle: string): Promise<string | undefined> {
  // codesign reports on stderr, and exits 1 for unsigned code, which is an answer, not a failure.
  const { stderr } = await runCommandOutput('/usr/bin/codesign', ['-dv', '--verbose=2', bundle], {
    timeoutMs: 10_000,
    okExitCodes: [0, 1],
  });
  return codesignSigner(parseCodesign(stderr));
}

async function entryFor(bundle: string): Promise<Entry | undefined> {
  const plist = `${bundle}/Contents/Info.plist`;
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(plist)).mtimeMs;
  } catch {
    return undefined; // not a complete bundle (half-copied, or a folder merely named .app)
  }
  const hit = cache.get(bundle);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  const entry: Entry = { mtimeMs, info: readInfo(plist) };
  cache.set(bundle, entry);
  return entry;
}

/** A failed read is not remembered, so the next scan tries again. */
async function settle<T>(bundle: string, entry: Entry, read: Promise<T>, what: string, warnings: string[]) {
  try {
    return await read;
  } catch (error) {
    if (cache.get(bundle) === entry) cache.delete(bundle);
    warnings.push(`${what} ${bundle}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Facts for each bundle path; `withSigner` also runs codesign (the process facet needs it, the app
 * facet does not). Failures for single bundles become warnings of the given facet.
 */
export async function bundleFacts(
  bundles: readonly string[],
  options: { readonly withSigner: boolean; readonly facet: string },
): Promise<{ facts: Map<string, BundleFacts>; warnings: InventoryWarning[] }> {
  const facts = new Map<string, BundleFacts>();
  const problems: string[] = [];
  const queue = [...new Set(bundles)];
  const worker = async () => {
    for (let bundle = queue.shift(); bundle !== undefined; bundle = queue.shift()) {
      const entry = await entryFor(bundle);
      if (!entry) {
        facts.set(bundle, { info: undefined, signer: undefined });
        continue;
      }
      // The sealed system volume holds only Apple's platform code, whose Team ID is never set.
      if (options.withSigner && !bundle.startsWith('/System/')) entry.signer ??= readSigner(bundle);
      const info = await settle(bundle, entry, entry.info, 'Info.plist of', problems);
      const signer =
        options.withSigner && entry.signer
          ? await settle(bundle, entry, entry.signer, 'codesign of', problems)
          : undefined;
      facts.set(bundle, { info, signer });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  const warnings = problems.slice(0, 5).map((message) => ({ facet: options.facet, message }));
  if (problems.length > 5)
    warnings.push({ facet: options.facet, message: `${problems.length - 5} more bundles unreadable` });
  return { facts, warnings };
}
