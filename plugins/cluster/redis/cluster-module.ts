import { ContainerModule } from 'inversify';
import {
  CacheStore,
  CallCoalescer,
  definePlugin,
  LifecycleContribution,
  RateLimitGuard,
  ReadinessCheck,
  StatusContribution,
} from '../../../core/index.js';
import { PollerLease, PriceFanout } from '../../ws/market-stream/index.js';
import { ClusterConfigSchema, RedisClusterConfig, type ClusterConfig } from './cluster-config.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { ClusterStatus } from './cluster-status.js';
import { RedisCacheStore } from './redis-cache-store.js';
import { RedisCallCoalescer } from './redis-call-coalescer.js';
import { RedisConnection } from './redis-connection.js';
import { RedisPollerLease } from './redis-poller-lease.js';
import { RedisPriceFanout } from './redis-price-fanout.js';
import { RedisRateLimitGuard } from './redis-rate-limit-guard.js';
import { replicaIdOf } from './replica-id.js';

/**
 * The `cluster` plugin: with `cluster.redisUrl` set, replicas of the gateway share their response
 * cache, their rate-limit budgets and bans, and their upstream calls through Redis, by rebinding
 * core's CacheStore, RateLimitGuard and CallCoalescer, and, when the market-stream plugin is listed
 * before it, one poller per symbol for the cluster (PollerLease) with prices fanned out over Redis
 * (PriceFanout); it adds the `cluster` status section, a readiness check and metrics. Without `redisUrl` it binds nothing: the in-memory defaults stay.
 */
export const clusterPlugin = definePlugin<ClusterConfig>({
  name: 'cluster',
  configSection: 'cluster',
  optionsSchema: ClusterConfigSchema,
  module: ({ options, env, logger, configError }) => {
    const { redisUrl } = options;
    if (redisUrl === undefined) return new ContainerModule(() => undefined);
    if (options.reconnect.minMs > options.reconnect.maxMs) throw configError(['reconnect', 'minMs'], `must not exceed reconnect.maxMs (${options.reconnect.maxMs})`);
    const config: RedisClusterConfig = Object.freeze({ ...options, redisUrl, replicaId: replicaIdOf(options.replicaId, env) });
    return new ContainerModule(({ bind, rebind, isBound }) => {
      bind<RedisClusterConfig>(RedisClusterConfig).toConstantValue(config);
      bind(ClusterMetrics).toSelf().inSingletonScope();
      bind(RedisConnection)
        .toDynamicValue((context) => new RedisConnection(config, logger, context.get(ClusterMetrics)))
        .inSingletonScope();
      bind<LifecycleContribution>(LifecycleContribution).toService(RedisConnection);
      bind(RedisRateLimitGuard).toSelf().inSingletonScope();
      rebind<CacheStore>(CacheStore).to(RedisCacheStore).inSingletonScope();
      rebind<RateLimitGuard>(RateLimitGuard).toService(RedisRateLimitGuard);
      rebind<CallCoalescer>(CallCoalescer).to(RedisCallCoalescer).inSingletonScope();
      // Bound after the connection: stops before it, releasing its leases while Redis is still there.
      bind(RedisPollerLease).toSelf().inSingletonScope();
      bind<LifecycleContribution>(LifecycleContribution).toService(RedisPollerLease);
      // The market stream binds these when it loads: listed before `cluster`, its pollers are shared.
      if (isBound(PollerLease)) rebind<PollerLease>(PollerLease).toService(RedisPollerLease);
      else logger.warn('Cluster: market-stream is not listed before "cluster" (or not at all): WebSocket pollers are not shared');
      if (isBound(PriceFanout)) rebind<PriceFanout>(PriceFanout).to(RedisPriceFanout).inSingletonScope();
      bind(ClusterStatus).toSelf().inSingletonScope();
      bind<StatusContribution>(StatusContribution).toService(ClusterStatus);
      bind<ReadinessCheck>(ReadinessCheck).toService(ClusterStatus);
    });
  },
});
