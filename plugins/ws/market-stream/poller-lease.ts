/**
 * Who polls a symbol's price. Each gateway replica's shared poller asks for the lease before every
 * poll and polls only while it holds it, so N replicas cost the upstreams what one costs; the
 * others get the prices through the PriceFanout. The in-memory default always grants: one process
 * is the only poller. A cluster plugin rebinds it (a Redis lease with a TTL a few intervals long).
 */
export interface PollerLease {
  /** Tries to become (or stay) the poller of `symbol` for about `ttlMs`; true when this replica holds it. */
  acquire(symbol: string, ttlMs: number): Promise<boolean>;
  /** Extends a held lease by `ttlMs`; false when it was lost (another replica took it). */
  renew(symbol: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (the last local subscriber left), so another replica can take it at once. */
  release(symbol: string): Promise<void>;
}

/** Injection token for the PollerLease. */
export const PollerLease = Symbol.for('crypto-datasource.PollerLease');
