/**
 * A bounded key-value store with per-entry lifetimes. The response cache talks only to this, so
 * another store (Redis, an LRU, a Map in tests) can replace node-cache by rebinding the token.
 */
export interface CacheStore {
  get<T>(key: string): T | undefined;
  /** Keeps `value` for `ttlMs`; false when the store is full and refused it. */
  set<T>(key: string, value: T, ttlMs: number): boolean;
  delete(key: string): void;
  /**
   * How many times an entry was stored or deleted so far, from whatever source (another replica's
   * write, an eviction included), when the store counts them; entries that only reach the end of
   * the lifetime they were set with need not count. The
   * cache-hit lane keeps what it read of the cache while this is unchanged; a store without it is
   * read on every request.
   */
  readonly changes?: number;
  /** Number of entries held. */
  size(): number;
  /** Releases timers and memory (on shutdown). */
  close(): void;
}

/** Injection token for the CacheStore. */
export const CacheStore = Symbol.for('crypto-datasource.CacheStore');
