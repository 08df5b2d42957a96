export { CacheStore } from './cache-store.js';
export { NodeCacheStore } from './node-cache-store.js';
export { ResponseCache, cacheKey, type CacheEntry } from './response-cache.js';
export { CacheConfig, CacheConfigSchema } from './cache-config.js';
