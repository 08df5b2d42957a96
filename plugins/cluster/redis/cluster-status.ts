import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { Clock, type ReadinessCheck, type ReadinessResult, type StatusContribution } from '../../../core/index.js';
import { RedisClusterConfig } from './cluster-config.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { redisAddress } from './redis-address.js';
import { RedisConnection } from './redis-connection.js';
import { RedisPollerLease } from './redis-poller-lease.js';
import { RedisRateLimitGuard } from './redis-rate-limit-guard.js';

const count = z.int().min(0);

/** The `cluster` section of `/api/system/status`. */
export const ClusterSectionSchema = z.strictObject({
  replica_id: z.string(),
  redis: z.string().meta({ description: 'host:port/db of the cluster Redis (never a password)' }),
  key_prefix: z.string(),
  redis_connected: z.boolean(),
  mode: z.enum(['shared', 'local']).meta({ description: 'shared: cache, rate budgets and coalescing go through Redis; local: Redis is unreachable and this replica runs on its in-memory state' }),
  shared: z.strictObject({
    cache_fills_from_peers: count.meta({ description: 'Cache entries received from other replicas or read from Redis' }),
    coalesced_calls: z.strictObject({
      leader: count.meta({ description: 'Calls this replica made for the cluster while holding the lock' }),
      remote_result: count.meta({ description: 'Calls answered by a result another replica had just published' }),
      remote_wait: count.meta({ description: 'Calls answered after waiting for another replica' }),
      wait_timeout: count.meta({ description: 'Waits that ran out; this replica then called itself' }),
      local_fallback: count.meta({ description: 'Calls made without the cluster (Redis unreachable or slow)' }),
    }),
    rate_slots: z.strictObject({
      shared: count.meta({ description: 'Rate-limit slots settled against the shared budgets' }),
      local_fallback: count.meta({ description: 'Slots settled on this replica only, while Redis was unreachable or slow' }),
    }),
    providers: z.record(
      z.string(),
      z.strictObject({
        calls_in_window: count.meta({ description: 'Calls the whole cluster made in the current rate window, as last heard' }),
        next_call_at: z.string().nullable().meta({ description: 'Earliest shared call time, if in the future' }),
        consecutive_429: count,
      }),
    ),
  }),
  poller_leases: z.array(z.string()).meta({ description: 'Symbols whose WebSocket poller runs on this replica for the whole cluster' }),
  redis_errors: count.meta({ description: 'Redis commands that failed or timed out since start' }),
  reconnects: count,
});

/** `cluster` as JSON. */
export type ClusterSection = z.output<typeof ClusterSectionSchema>;

/**
 * The cluster's status section and its readiness check. A replica without Redis is degraded but
 * ready: it answers from its in-memory state, so `/readyz` stays 200 and its detail says so.
 */
@injectable()
export class ClusterStatus implements StatusContribution, ReadinessCheck {
  readonly section = 'cluster';
  readonly name = 'cluster';
  readonly schema = ClusterSectionSchema;

  constructor(
    @inject(RedisClusterConfig) private readonly config: RedisClusterConfig,
    @inject(RedisConnection) private readonly connection: RedisConnection,
    @inject(ClusterMetrics) private readonly metrics: ClusterMetrics,
    @inject(RedisRateLimitGuard) private readonly guard: RedisRateLimitGuard,
    @inject(RedisPollerLease) private readonly leases: RedisPollerLease,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  check(): ReadinessResult {
    const where = `replica ${this.config.replicaId}, Redis ${redisAddress(this.config.redisUrl)}`;
    return this.connection.connected
      ? { ready: true, detail: `shared through Redis (${where})` }
      : { ready: true, detail: `degraded: Redis unreachable, serving from this replica's in-memory state; reconnecting (${where})` };
  }

  snapshot(): ClusterSection {
    const counts = this.metrics.snapshot();
    const now = this.clock.now();
    const providers: ClusterSection['shared']['providers'] = {};
    for (const [id, shared] of this.guard.sharedSnapshot()) {
      providers[id] = { calls_in_window: shared.callsInWindow, next_call_at: shared.nextCallAt > now ? new Date(shared.nextCallAt).toISOString() : null, consecutive_429: shared.consecutive429 };
    }
    return {
      replica_id: this.config.replicaId,
      redis: redisAddress(this.config.redisUrl),
      key_prefix: this.config.keyPrefix,
      redis_connected: this.connection.connected,
      mode: this.connection.connected ? 'shared' : 'local',
      shared: {
        cache_fills_from_peers: counts.cacheFillsFromPeers,
        coalesced_calls: counts.coalesced,
        rate_slots: counts.slots,
        providers,
      },
      poller_leases: this.connection.connected ? this.leases.symbols.sort() : [],
      redis_errors: counts.redisErrors,
      reconnects: counts.reconnects,
    };
  }
}
