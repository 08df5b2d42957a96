import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { CacheConfig, type CacheStore, NodeCacheStore } from '../../../core/index.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { RedisConnection } from './redis-connection.js';
import { safeJson } from './safe-json.js';

/** What a replica publishes when it stores or deletes an entry. */
const CacheMessageSchema = z.strictObject({
  from: z.string(),
  key: z.string(),
  /** JSON of the value; absent for a delete. */
  value: z.string().optional(),
  ttlMs: z.number().positive().optional(),
});

/** Local misses for which a read from Redis is already on its way, at most (a burst of misses costs one read each). */
const MAX_PENDING_READS = 1_000;

/**
 * The response cache shared by the cluster. Reads stay synchronous and local: each replica keeps a
 * replica of the cache in node-cache (bounded by `cache.maxKeys`, like the default store). A write
 * goes to the local replica, to Redis (`cache:<key>`, with the entry's lifetime as Redis TTL) and to
 * the other replicas over pub/sub, which store it in their replica, so an answer one replica
 * fetched is a cache hit on every other as soon as the message arrives. A local miss starts a read
 * from Redis in the background (a replica that joined late fills up that way). A slow or lost
 * Redis never delays a read: the request that missed goes on as a miss.
 */
@injectable()
export class RedisCacheStore implements CacheStore {
  private readonly local: NodeCacheStore;
  private readonly channel: string;
  private readonly pendingReads = new Set<string>();
  /** Keys already read from Redis since the last (re)connect: every later write reaches this replica over pub/sub. */
  private readonly readKeys = new Set<string>();
  private readEpoch = -1;
  private readonly maxReadKeys: number;

  constructor(
    @inject(CacheConfig) cacheConfig: CacheConfig,
    @inject(RedisConnection) private readonly connection: RedisConnection,
    @inject(ClusterMetrics) private readonly metrics: ClusterMetrics,
  ) {
    this.local = new NodeCacheStore(cacheConfig);
    this.maxReadKeys = cacheConfig.maxKeys;
    this.channel = connection.key('cache');
    connection.onMessage(this.channel, (message) => this.onMessage(message));
  }

  get<T>(key: string): T | undefined {
    const value = this.local.get<T>(key);
    if (value === undefined) this.readThrough(key);
    return value;
  }

  set<T>(key: string, value: T, ttlMs: number): boolean {
    const stored = this.local.set(key, value, ttlMs);
    if (!this.connection.connected) return stored;
    const json = JSON.stringify(value);
    const lifetime = Math.max(1, Math.ceil(ttlMs));
    this.connection.client
      .multi()
      .set(this.redisKey(key), json, 'PX', lifetime)
      .publish(this.channel, JSON.stringify({ from: this.connection.origin, key, value: json, ttlMs: lifetime }))
      .exec()
      .catch(() => this.metrics.redisError('cache_set'));
    return stored;
  }

  delete(key: string): void {
    this.local.delete(key);
    if (!this.connection.connected) return;
    this.connection.client
      .multi()
      .del(this.redisKey(key))
      .publish(this.channel, JSON.stringify({ from: this.connection.origin, key }))
      .exec()
      .catch(() => this.metrics.redisError('cache_delete'));
  }

  /** Every write and delete, another replica's too, goes through the local replica, which counts them. */
  get changes(): number {
    return this.local.changes;
  }

  size(): number {
    return this.local.size();
  }

  close(): void {
    this.local.close();
  }

  /** Another replica stored or deleted an entry: the local replica follows. Malformed messages are ignored. */
  private onMessage(message: string): void {
    const parsed = CacheMessageSchema.safeParse(safeJson(message));
    if (!parsed.success || parsed.data.from === this.connection.origin) return;
    const { key, value, ttlMs } = parsed.data;
    if (value === undefined || ttlMs === undefined) {
      this.local.delete(key);
      return;
    }
    const decoded = safeJson(value);
    if (decoded === undefined) return;
    // The same entry may already be here, read from Redis after a miss: a fill is only a new value.
    const known = this.local.get(key);
    this.local.set(key, decoded, ttlMs);
    if (known === undefined || JSON.stringify(known) !== value) this.metrics.cacheFill();
  }

  /**
   * Fills the local replica from Redis after a miss, with the entry's remaining Redis lifetime:
   * once per key and connection, since while connected every write also arrives over pub/sub.
   */
  private readThrough(key: string): void {
    if (!this.connection.connected || this.pendingReads.has(key) || this.pendingReads.size >= MAX_PENDING_READS) return;
    if (this.readEpoch !== this.connection.epoch || this.readKeys.size >= this.maxReadKeys) {
      this.readKeys.clear();
      this.readEpoch = this.connection.epoch;
    }
    if (this.readKeys.has(key)) return;
    this.readKeys.add(key);
    this.pendingReads.add(key);
    this.connection.client
      .multi()
      .get(this.redisKey(key))
      .pttl(this.redisKey(key))
      .exec()
      .then((replies) => {
        const [json, ttlMs] = [replies?.[0]?.[1], replies?.[1]?.[1]];
        if (typeof json !== 'string' || typeof ttlMs !== 'number' || ttlMs <= 0 || this.local.get(key) !== undefined) return;
        const decoded = safeJson(json);
        if (decoded === undefined) return;
        this.local.set(key, decoded, ttlMs);
        this.metrics.cacheFill();
      })
      .catch(() => this.metrics.redisError('cache_get'))
      .finally(() => this.pendingReads.delete(key));
  }

  private redisKey(key: string): string {
    return this.connection.key('cache', key);
  }
}
