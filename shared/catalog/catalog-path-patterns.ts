import type { CatalogBundle, Platform } from './catalog-schema.ts';

/** Every executable path pattern the catalog names for one OS: where installs can be looked for. */
export function catalogPathPatterns(bundle: CatalogBundle, os: Platform): string[] {
  const patterns = new Set<string>();
  for (const entry of bundle.entries) {
    if (entry.deprecated) continue;
    for (const rule of entry[os]?.processes ?? []) for (const path of rule.path ?? []) patterns.add(path);
  }
  return [...patterns].sort();
}
