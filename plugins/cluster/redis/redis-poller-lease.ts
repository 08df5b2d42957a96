import { inject, injectable } from 'inversify';
import type { LifecycleContribution } from '../../../core/index.js';
import type { PollerLease } from '../../ws/market-stream/index.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { RedisConnection } from './redis-connection.js';

/** Extends the lease when this replica holds it; 1 when it does. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

/** Frees the lease when this replica holds it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Takes the lease when free, or keeps it when already ours; 1 when this replica holds it. */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return redis.call('GET', KEYS[1]) == ARGV[1] and redis.call('PEXPIRE', KEYS[1], ARGV[2]) or 0
`;

/**
 * One poller per symbol for the whole cluster: the lease is `lease:<symbol>` in Redis, holding
 * this process's token with a lifetime the stream sets (a few poll intervals) and renews at every
 * poll. When the holder dies, its lease expires and the next replica whose poller ticks takes it:
 * the stream moves within the lease lifetime plus one poll interval. A holder that stops releases
 * its leases, so another replica takes over at its next tick. While Redis is unreachable (or a
 * command times out) every replica is granted the lease: each polls for its own subscribers,
 * which keeps them fed, and the cluster contends again once Redis is back.
 */
@injectable()
export class RedisPollerLease implements PollerLease, LifecycleContribution {
  private readonly held = new Set<string>();

  constructor(
    @inject(RedisConnection) private readonly connection: RedisConnection,
    @inject(ClusterMetrics) private readonly metrics: ClusterMetrics,
  ) {}

  acquire(symbol: string, ttlMs: number): Promise<boolean> {
    return this.settle(symbol, 'lease_acquire', ACQUIRE, ttlMs);
  }

  renew(symbol: string, ttlMs: number): Promise<boolean> {
    return this.settle(symbol, 'lease_renew', RENEW, ttlMs);
  }

  async release(symbol: string): Promise<void> {
    this.held.delete(symbol);
    if (!this.connection.connected) return;
    await this.connection.client.eval(RELEASE, 1, this.key(symbol), this.connection.origin).catch(() => this.metrics.redisError('lease_release'));
  }

  /** Symbols whose lease this replica holds (for the status). */
  get symbols(): string[] {
    return [...this.held];
  }

  /** Stopping: the leases go before the connection does (bound after it, so stopped before it). */
  async onStop(): Promise<void> {
    await Promise.all(this.symbols.map((symbol) => this.release(symbol)));
  }

  private async settle(symbol: string, operation: string, script: string, ttlMs: number): Promise<boolean> {
    if (!this.connection.connected) return this.hold(symbol, true);
    try {
      const granted = await this.connection.client.eval(script, 1, this.key(symbol), this.connection.origin, Math.max(1, Math.ceil(ttlMs)));
      return this.hold(symbol, granted === 1);
    } catch {
      this.metrics.redisError(operation);
      return this.hold(symbol, true);
    }
  }

  private hold(symbol: string, holds: boolean): boolean {
    if (holds) this.held.add(symbol);
    else this.held.delete(symbol);
    return holds;
  }

  private key(symbol: string): string {
    return this.connection.key('lease', symbol);
  }
}
