import { Registry } from 'prom-client';
import type { Clock } from '../../core/clock/clock.js';
import type { Logger } from '../../core/logging/logger.js';
import { ClusterConfigSchema, type RedisClusterConfig } from '../../plugins/cluster/redis/cluster-config.js';
import { ClusterMetrics } from '../../plugins/cluster/redis/cluster-metrics.js';
import { ClusterStatus } from '../../plugins/cluster/redis/cluster-status.js';
import { RedisCacheStore } from '../../plugins/cluster/redis/redis-cache-store.js';
import { RedisCallCoalescer } from '../../plugins/cluster/redis/redis-call-coalescer.js';
import { RedisConnection } from '../../plugins/cluster/redis/redis-connection.js';
import { RedisPollerLease } from '../../plugins/cluster/redis/redis-poller-lease.js';
import { RedisPriceFanout } from '../../plugins/cluster/redis/redis-price-fanout.js';
import { RedisRateLimitGuard } from '../../plugins/cluster/redis/redis-rate-limit-guard.js';
import { silentLogger } from './test-app.js';

/** One replica's Redis services, built as the plugin builds them, without an App around them. */
export interface ClusterServices {
  config: RedisClusterConfig;
  connection: RedisConnection;
  metrics: ClusterMetrics;
  guard: RedisRateLimitGuard;
  coalescer: RedisCallCoalescer;
  cache: RedisCacheStore;
  lease: RedisPollerLease;
  fanout: RedisPriceFanout;
  status: ClusterStatus;
  registry: Registry;
  /** Stops the connections and the cache's timer. */
  close(): Promise<void>;
}

/** Connected services of replica `replicaId` under `keyPrefix` (options as in the `cluster` section). */
export async function clusterServices(redisUrl: string, keyPrefix: string, replicaId: string, clock: Clock, options: Record<string, unknown> = {}, logger: Logger = silentLogger): Promise<ClusterServices> {
  const config: RedisClusterConfig = { ...ClusterConfigSchema.parse({ redisUrl, keyPrefix, ...options }), redisUrl, replicaId };
  const registry = new Registry();
  const metrics = new ClusterMetrics(registry, config);
  const connection = new RedisConnection(config, logger, metrics);
  const guard = new RedisRateLimitGuard(connection, clock, metrics, config);
  const coalescer = new RedisCallCoalescer(connection, metrics, config);
  const cache = new RedisCacheStore({ maxKeys: 1_000, checkPeriodMs: 60_000 }, connection, metrics);
  const lease = new RedisPollerLease(connection, metrics);
  const fanout = new RedisPriceFanout(connection, metrics);
  const status = new ClusterStatus(config, connection, metrics, guard, lease, clock);
  await connection.initialize();
  return {
    config,
    connection,
    metrics,
    guard,
    coalescer,
    cache,
    lease,
    fanout,
    status,
    registry,
    close: async () => {
      cache.close();
      await lease.onStop();
      await connection.onStop();
    },
  };
}

/** Resolves once `condition()` holds; throws naming `what` after `timeoutMs` (a generous bound, not a timing claim). */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
