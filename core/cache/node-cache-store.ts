import { inject, injectable } from 'inversify';
import NodeCache from 'node-cache';
import { CacheConfig } from './cache-config.js';
import type { CacheStore } from './cache-store.js';

/** The default CacheStore: node-cache with `cache.maxKeys`, no cloning (entries are never mutated). */
@injectable()
export class NodeCacheStore implements CacheStore {
  private readonly cache: NodeCache;
  private changeCount = 0;

  constructor(@inject(CacheConfig) config: CacheConfig) {
    this.cache = new NodeCache({ stdTTL: 0, checkperiod: Math.ceil(config.checkPeriodMs / 1000), useClones: false, maxKeys: config.maxKeys });
  }

  get<T>(key: string): T | undefined {
    return this.cache.get<T>(key);
  }

  set<T>(key: string, value: T, ttlMs: number): boolean {
    // node-cache refuses any set at maxKeys, even an overwrite, so replace by delete-then-set.
    this.changeCount += 1;
    this.cache.del(key);
    try {
      return this.cache.set(key, value, Math.max(1, Math.ceil(ttlMs / 1000)));
    } catch (error) {
      if ((error as { errorcode?: string }).errorcode === 'ECACHEFULL') return false;
      throw error;
    }
  }

  delete(key: string): void {
    this.changeCount += 1;
    this.cache.del(key);
  }

  /** Sets and deletes so far; node-cache's own expiry is not counted (it drops only entries kept past their TTL). */
  get changes(): number {
    return this.changeCount;
  }

  size(): number {
    return this.cache.getStats().keys;
  }

  close(): void {
    this.cache.close();
  }
}
