import type { CatalogEntry } from '../catalog/catalog-schema.ts';

/**
 * How risky a client is, for ordering the alert queue (higher first): its default policy weighs
 * most, then the catalog's risk facts: it moves files, connects peer to peer, or carries
 * conversations without end-to-end encryption. 0 to 7; unknown clients count as unsanctioned.
 */
export function riskScore(entry: Pick<CatalogEntry, 'defaultPolicy' | 'risk'> | undefined): number {
  if (!entry) return 4;
  const base = entry.defaultPolicy === 'unsanctioned' ? 4 : entry.defaultPolicy === 'monitored' ? 2 : 0;
  const risk = entry.risk;
  return base + (risk?.fileTransfer ? 1 : 0) + (risk?.peerToPeer ? 1 : 0) + (risk?.e2ee === 'none' ? 1 : 0);
}
