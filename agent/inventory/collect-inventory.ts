import type { InventorySnapshot } from '../../shared/index.ts';
import { probeInstallPaths } from './apps/install-probe.ts';
import { deviceFacts, deviceOs } from './device/device-facts.ts';
import { type InventoryWarning, timeBoxed } from './facet-result.ts';
import { type InventoryProviders, providersFor } from './platform.ts';

export type CollectOptions = {
  /** Deadline per facet; a facet past it contributes nothing and a warning. */
  readonly facetTimeoutMs?: number;
  readonly providers?: InventoryProviders;
  readonly now?: () => Date;
  /** Catalog path patterns to look for on disk (installs without an uninstall entry). */
  readonly installProbes?: readonly string[];
};

export type CollectedInventory = {
  readonly snapshot: InventorySnapshot;
  readonly warnings: InventoryWarning[];
};

/** Reads the live machine into an `imscout.inventory/v1` snapshot, facets in parallel and time-boxed. */
export async function collectInventory(options: CollectOptions = {}): Promise<CollectedInventory> {
  const { facetTimeoutMs = 20_000, now = () => new Date() } = options;
  const providers = options.providers ?? (await providersFor());
  const emptySockets = { listening: { items: [], warnings: [] }, connections: { items: [], warnings: [] } };
  const [device, processes, sockets, apps, probed] = await Promise.all([
    deviceFacts(),
    timeBoxed('processes', facetTimeoutMs, providers.processes),
    timeBoxed('sockets', facetTimeoutMs, async () => {
      const s = await providers.sockets();
      return { items: [s], warnings: [] };
    }).then((r) => r.items[0] ?? { ...emptySockets, listening: { items: [], warnings: r.warnings } }),
    timeBoxed('apps', facetTimeoutMs, providers.apps),
    timeBoxed('apps', facetTimeoutMs, () => probeInstallPaths(deviceOs(), options.installProbes ?? [])),
  ]);
  return {
    snapshot: {
      schema: 'imscout.inventory/v1',
      collectedAt: now().toISOString(),
      device,
      processes: processes.items,
      listening: sockets.listening.items,
      connections: sockets.connections.items,
      apps: [...apps.items, ...probed.items],
    },
    warnings: [
      ...processes.warnings,
      ...sockets.listening.warnings,
      ...sockets.connections.warnings,
      ...apps.warnings,
      ...probed.warnings,
    ],
  };
}
