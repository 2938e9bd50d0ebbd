import type { Connection, ListeningSocket } from '../../../shared/index.ts';
import type { FacetResult } from '../facet-result.ts';

/** Sockets are read in one pass per OS, so listeners and connections come back together. */
export type SocketInventory = {
  readonly listening: FacetResult<ListeningSocket>;
  readonly connections: FacetResult<Connection>;
};
