import { formatIssues } from '../validation-error.ts';
import bundleJson from './bundle.json' with { type: 'json' };
import { type CatalogBundle, catalogBundleSchema } from './catalog-schema.ts';

/**
 * Validates a catalog bundle (the built-in one, or one received from the collector) and returns it
 * frozen. Throws with the offending fields named.
 */
export function parseCatalogBundle(input: unknown): CatalogBundle {
  const result = catalogBundleSchema.safeParse(input);
  if (!result.success)
    throw new Error(`invalid catalog bundle: ${formatIssues(result.error, input).join('; ')}`);
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

let builtIn: CatalogBundle | undefined;

/** The catalog compiled into this build (shared/catalog/bundle.json), validated once. */
export function builtInCatalog(): CatalogBundle {
  builtIn ??= parseCatalogBundle(bundleJson);
  return builtIn;
}
