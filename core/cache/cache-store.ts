/**
 * A bounded key-value store with per-entry lifetimes. The response cache talks only to this, so
 * another store (Redis, an LRU, a Map in tests) can replace node-cache by rebinding the token.
 */
export interface CacheStore {
  get<T>(key: string): T | undefined;
  /** Keeps `value` for `ttlMs`; false when the store is full and refused it. */
  set<T>(key: string, value: T, ttlMs: number): boolean;
  delete(key: string): void;
  /** Number of entries held. */
  size(): number;
  /** Releases timers and memory (on shutdown). */
  close(): void;
}

/** Injection token for the CacheStore. */
export const CacheStore = Symbol.for('crypto-datasource.CacheStore');
