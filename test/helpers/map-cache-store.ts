import type { CacheStore } from '../../core/cache/cache-store.js';

/** Another store, as an operator would plug in (Redis, an LRU...): a Map that counts its sets, and, like a store of a caller's own may, does not count its changes. */
export class MapCacheStore implements CacheStore {
  readonly entries = new Map<string, unknown>();
  sets = 0;

  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  set<T>(key: string, value: T): boolean {
    this.sets += 1;
    this.entries.set(key, value);
    return true;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  size(): number {
    return this.entries.size;
  }

  close(): void {
    this.entries.clear();
  }
}
