import type { PriceUpdate } from './price-update.js';

/**
 * The bus between the shared pollers and the sockets: a poller publishes each price it reads, and
 * every replica's stream receives it for its own subscribers of that symbol. The in-memory default
 * is a local emitter; a cluster plugin rebinds it (Redis pub/sub), so whichever replica holds the
 * PollerLease feeds the subscribers of all of them.
 */
export interface PriceFanout {
  /** Delivers `update` to every handler subscribed to `symbol` (on every replica). */
  publish(symbol: string, update: PriceUpdate): Promise<void>;
  /** Calls `handler` with each update of `symbol` until the returned function is called. */
  subscribe(symbol: string, handler: (update: PriceUpdate) => void): () => void;
}

/** Injection token for the PriceFanout. */
export const PriceFanout = Symbol.for('crypto-datasource.PriceFanout');
