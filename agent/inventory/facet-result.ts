/** A part of the inventory that could not be read; the rest of the facet is still returned. */
export type InventoryWarning = { readonly facet: string; readonly message: string };

/** What a provider returns: what it could read, and what it could not. */
export type FacetResult<T> = { readonly items: T[]; readonly warnings: InventoryWarning[] };

/**
 * Runs one facet with a deadline, so one slow source cannot stall a scan. A facet that throws or
 * runs out of time yields no items and one warning.
 */
export async function timeBoxed<T>(
  facet: string,
  timeoutMs: number,
  read: () => Promise<FacetResult<T>>,
): Promise<FacetResult<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<FacetResult<T>>((resolve) => {
    timer = setTimeout(
      () => resolve({ items: [], warnings: [{ facet, message: `timed out after ${timeoutMs} ms` }] }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([
      read().catch((error: unknown) => ({
        items: [],
        warnings: [{ facet, message: error instanceof Error ? error.message : String(error) }],
      })),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
