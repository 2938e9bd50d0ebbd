import {
  builtInCatalog,
  type CatalogBundle,
  catalogPathPatterns,
  compileCatalog,
  type InventorySnapshot,
  type MatchIndex,
  type ScanResult,
  scanSnapshot,
} from '../../shared/index.ts';
import {
  type CollectedInventory,
  type CollectOptions,
  collectInventory,
} from '../inventory/collect-inventory.ts';
import { deviceOs } from '../inventory/device/device-facts.ts';
import type { InventoryWarning } from '../inventory/facet-result.ts';

export type LiveScan = {
  readonly result: ScanResult;
  readonly snapshot: InventorySnapshot;
  readonly warnings: InventoryWarning[];
};

/** Compiles the catalog once; every scan after that reuses the index. */
export class Scanner {
  readonly #index: MatchIndex;
  readonly #installProbes: readonly string[];

  constructor(bundle: CatalogBundle = builtInCatalog()) {
    this.#index = compileCatalog(bundle);
    this.#installProbes = catalogPathPatterns(bundle, deviceOs());
  }

  get catalogVersion(): string {
    return this.#index.version;
  }

  scan(snapshot: InventorySnapshot): ScanResult {
    return scanSnapshot(this.#index, snapshot);
  }

  async scanLive(options: CollectOptions = {}): Promise<LiveScan> {
    const { snapshot, warnings }: CollectedInventory = await collectInventory({
      installProbes: this.#installProbes,
      ...options,
    });
    return { result: this.scan(snapshot), snapshot, warnings };
  }
}
