/**
 * Parser for `plutil -convert json -o - <bundle>/Contents/Info.plist`: the bundle's identity. Pure:
 * takes the JSON text, never runs plutil.
 */

/** What a bundle's Info.plist says about it; absent keys (and empty strings) are unknown. */
export type BundleInfo = {
  readonly bundleId: string | undefined;
  /** CFBundleDisplayName, else CFBundleName: what Finder shows. */
  readonly name: string | undefined;
  /** CFBundleShortVersionString, the marketing version ("4.41.105"), not the build number. */
  readonly version: string | undefined;
  readonly executable: string | undefined;
};

function text(plist: Record<string, unknown>, key: string): string | undefined {
  const value = plist[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Reads the identity keys. Throws a SyntaxError on text that is not JSON (plutil refuses plists
 * holding dates or data with "invalid object in plist for destination format"); a JSON value that
 * is not a dictionary yields undefined.
 */
export function parsePlutilJson(json: string): BundleInfo | undefined {
  const plist: unknown = JSON.parse(json);
  if (typeof plist !== 'object' || plist === null || Array.isArray(plist)) return undefined;
  const dict = plist as Record<string, unknown>;
  return {
    bundleId: text(dict, 'CFBundleIdentifier'),
    name: text(dict, 'CFBundleDisplayName') ?? text(dict, 'CFBundleName'),
    version: text(dict, 'CFBundleShortVersionString'),
    executable: text(dict, 'CFBundleExecutable'),
  };
}
