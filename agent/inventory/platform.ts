import type { InstalledApp, ProcessRecord } from '../../shared/index.ts';
import type { FacetResult } from './facet-result.ts';
import type { SocketInventory } from './sockets/socket-inventory.ts';

/** One implementation per OS of each facet, behind the same functions. */
export type InventoryProviders = {
  readonly processes: () => Promise<FacetResult<ProcessRecord>>;
  readonly sockets: () => Promise<SocketInventory>;
  readonly apps: () => Promise<FacetResult<InstalledApp>>;
};

/** The only place that chooses by OS: the sibling files are named after `process.platform`. */
export async function providersFor(
  platform: NodeJS.Platform = process.platform,
): Promise<InventoryProviders> {
  switch (platform) {
    case 'linux': {
      const [p, s, a] = await Promise.all([
        import('./processes/linux.ts'),
        import('./sockets/linux.ts'),
        import('./apps/linux.ts'),
      ]);
      return { processes: () => p.listProcesses(), sockets: () => s.listSockets(), apps: () => a.listApps() };
    }
    case 'darwin': {
      const [p, s, a] = await Promise.all([
        import('./processes/darwin.ts'),
        import('./sockets/darwin.ts'),
        import('./apps/darwin.ts'),
      ]);
      return { processes: () => p.listProcesses(), sockets: () => s.listSockets(), apps: () => a.listApps() };
    }
    case 'win32': {
      const [p, s, a] = await Promise.all([
        import('./processes/win32.ts'),
        import('./sockets/win32.ts'),
        import('./apps/win32.ts'),
      ]);
      return { processes: () => p.listProcesses(), sockets: () => s.listSockets(), apps: () => a.listApps() };
    }
    default:
      throw new Error(`unsupported platform ${platform}`);
  }
}
