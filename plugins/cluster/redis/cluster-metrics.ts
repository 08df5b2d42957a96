import { inject, injectable } from 'inversify';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '../../../core/index.js';
import { RedisClusterConfig } from './cluster-config.js';

/** How a call went through the cluster coalescer. */
export type CoalescedOutcome = 'leader' | 'remote_result' | 'remote_wait' | 'wait_timeout' | 'local_fallback';

/** Where a rate-limit slot was settled. */
export type SlotSource = 'shared' | 'local_fallback';

/**
 * The cluster's figures as Prometheus metrics (labelled with the replica id) and the counts the
 * `cluster` status section shows: the connection, Redis errors, cache fills from other replicas,
 * how calls were coalesced and where rate-limit slots were settled.
 */
@injectable()
export class ClusterMetrics {
  private readonly connected: Gauge<'replica'>;
  private readonly errors: Counter<'replica' | 'operation'>;
  private readonly fills: Counter<'replica'>;
  private readonly coalesced: Counter<'replica' | 'outcome'>;
  private readonly slots: Counter<'replica' | 'source' | 'granted'>;
  private readonly counts = {
    redisErrors: 0,
    reconnects: 0,
    cacheFillsFromPeers: 0,
    coalesced: { leader: 0, remote_result: 0, remote_wait: 0, wait_timeout: 0, local_fallback: 0 } satisfies Record<CoalescedOutcome, number>,
    slots: { shared: 0, local_fallback: 0 } satisfies Record<SlotSource, number>,
  };
  private readonly replica: string;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry, @inject(RedisClusterConfig) config: RedisClusterConfig) {
    this.replica = config.replicaId;
    const registers = [registry];
    this.connected = new Gauge({ name: 'crypto_datasource_cluster_redis_connected', help: '1 while this replica is connected to the cluster Redis', labelNames: ['replica'], registers });
    this.connected.set({ replica: this.replica }, 0);
    this.errors = new Counter({ name: 'crypto_datasource_cluster_redis_errors_total', help: 'Redis commands that failed or timed out (the replica used its local state)', labelNames: ['replica', 'operation'], registers });
    this.fills = new Counter({ name: 'crypto_datasource_cluster_cache_fills_total', help: 'Cache entries received from other replicas or read from Redis', labelNames: ['replica'], registers });
    this.coalesced = new Counter({ name: 'crypto_datasource_cluster_coalesced_calls_total', help: 'Upstream calls through the cluster coalescer, by outcome', labelNames: ['replica', 'outcome'], registers });
    this.slots = new Counter({ name: 'crypto_datasource_cluster_rate_slots_total', help: 'Rate-limit slots asked for, by where they were settled and whether granted', labelNames: ['replica', 'source', 'granted'], registers });
  }

  setConnected(connected: boolean): void {
    this.connected.set({ replica: this.replica }, connected ? 1 : 0);
  }

  reconnected(): void {
    this.counts.reconnects += 1;
  }

  redisError(operation: string): void {
    this.counts.redisErrors += 1;
    this.errors.inc({ replica: this.replica, operation });
  }

  cacheFill(): void {
    this.counts.cacheFillsFromPeers += 1;
    this.fills.inc({ replica: this.replica });
  }

  coalescedCall(outcome: CoalescedOutcome): void {
    this.counts.coalesced[outcome] += 1;
    this.coalesced.inc({ replica: this.replica, outcome });
  }

  slot(source: SlotSource, granted: boolean): void {
    this.counts.slots[source] += 1;
    this.slots.inc({ replica: this.replica, source, granted: String(granted) });
  }

  /** The counts since start, for the status. */
  snapshot(): { redisErrors: number; reconnects: number; cacheFillsFromPeers: number; coalesced: Record<CoalescedOutcome, number>; slots: Record<SlotSource, number> } {
    return { ...this.counts, coalesced: { ...this.counts.coalesced }, slots: { ...this.counts.slots } };
  }
}
