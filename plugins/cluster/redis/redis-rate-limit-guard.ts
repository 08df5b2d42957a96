import { inject, injectable } from 'inversify';
import {
  Clock,
  InMemoryRateLimitGuard,
  type MarketProvider,
  type ProviderError,
  type RateLimitGuard,
  type RateLimitInfo,
  type ThrottleAction,
  type ThrottleStatus,
} from '../../../core/index.js';
import { RedisClusterConfig } from './cluster-config.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { RedisConnection } from './redis-connection.js';

/** Lifetime of a provider's shared state once it stops being touched. */
const STATE_TTL_MS = 24 * 60 * 60 * 1000;

const ACTIONS: ReadonlyArray<ThrottleAction | undefined> = [undefined, 'backoff', 'blacklist'];

/** What this replica last heard of one provider's shared rate-limit state. */
export interface SharedThrottle {
  nextCallAt: number;
  callsInWindow: number;
  cooldownUntil: number;
  blacklistedUntil: number;
  headerBlockedUntil: number;
  consecutive429: number;
}

/**
 * A RateLimitGuard for the whole cluster: the window budget, minimum interval, 429 backoff,
 * header budgets and blacklist of each provider live in Redis (`rl:<provider>:calls`, a sorted set
 * of call times, and `rl:<provider>:state`, a hash) and every slot is taken by one Lua script, so
 * the declared budget holds for all replicas together. The planning reads (`allows`,
 * `nextCallAt`, `status`) are synchronous: they combine the replica's own throttle with its mirror
 * of the shared state, refreshed by every script answer. While Redis is unreachable (or a command
 * times out) the replica settles slots on its own throttle, which always records its own calls and
 * failures: the declared budget then holds per replica.
 */
@injectable()
export class RedisRateLimitGuard implements RateLimitGuard {
  private readonly local: InMemoryRateLimitGuard;
  private readonly mirror = new Map<string, SharedThrottle>();
  private sequence = 0;

  constructor(
    @inject(RedisConnection) private readonly connection: RedisConnection,
    @inject(Clock) private readonly clock: Clock,
    @inject(ClusterMetrics) private readonly metrics: ClusterMetrics,
    @inject(RedisClusterConfig) private readonly config: RedisClusterConfig,
  ) {
    this.local = new InMemoryRateLimitGuard(clock);
  }

  allows(provider: MarketProvider, weight = 1): boolean {
    return this.nextCallAt(provider, weight) <= this.clock.now();
  }

  /** The mirror knows the next single call; a heavier one is judged exactly by the script when it asks. */
  nextCallAt(provider: MarketProvider, weight = 1): number {
    const local = this.local.nextCallAt(provider, weight);
    const shared = this.sharedState(provider);
    return shared === undefined ? local : Math.max(local, shared.nextCallAt);
  }

  status(provider: MarketProvider): ThrottleStatus {
    const local = this.local.status(provider);
    const shared = this.sharedState(provider);
    if (shared === undefined) return local;
    const now = this.clock.now();
    const coolingUntil = Math.max(shared.cooldownUntil, shared.headerBlockedUntil);
    const ends = Math.max(local.cooldownUntil ?? 0, coolingUntil, shared.blacklistedUntil);
    return {
      rateLimited: local.rateLimited || coolingUntil > now,
      blacklisted: local.blacklisted || shared.blacklistedUntil > now,
      nextCallAt: this.nextCallAt(provider),
      cooldownUntil: ends > now ? ends : null,
      consecutive429: Math.max(local.consecutive429, shared.consecutive429),
    };
  }

  async tryAcquire(provider: MarketProvider, weight = 1): Promise<boolean> {
    if (!this.connection.connected) return this.localSlot(provider, weight);
    const now = Math.floor(this.clock.now());
    const { requests, windowMs, minIntervalMs } = provider.declaration.rateLimit;
    const slots = Math.min(Math.max(1, Math.ceil(weight)), requests);
    this.sequence += 1;
    try {
      const [granted, nextCallAt, callsInWindow, cooldownUntil, blacklistedUntil, headerBlockedUntil, consecutive429] = await this.connection.client.cdsAcquireSlot(
        this.key(provider, 'calls'),
        this.key(provider, 'state'),
        now,
        windowMs,
        requests,
        minIntervalMs,
        `${now}:${this.config.replicaId}:${this.sequence}`,
        STATE_TTL_MS,
        slots,
      );
      this.mirror.set(provider.id, { nextCallAt: nextCallAt!, callsInWindow: callsInWindow!, cooldownUntil: cooldownUntil!, blacklistedUntil: blacklistedUntil!, headerBlockedUntil: headerBlockedUntil!, consecutive429: consecutive429! });
      this.metrics.slot('shared', granted === 1);
      // The replica's own throttle records the call too: it is what the guard falls back on.
      if (granted === 1) await this.local.tryAcquire(provider, slots);
      return granted === 1;
    } catch {
      this.metrics.redisError('acquire_slot');
      return this.localSlot(provider, weight);
    }
  }

  onRateLimitInfo(provider: MarketProvider, info: RateLimitInfo): void {
    this.local.onRateLimitInfo(provider, info);
    if (info.remaining === undefined || info.remaining > 0 || !this.connection.connected) return;
    const until = Math.floor(this.clock.now() + (info.resetMs ?? provider.declaration.rateLimit.windowMs));
    const shared = this.mirror.get(provider.id);
    if (shared !== undefined) shared.headerBlockedUntil = Math.max(shared.headerBlockedUntil, until);
    this.connection.client.cdsBlockUntil(this.key(provider, 'state'), until, STATE_TTL_MS).catch(() => this.metrics.redisError('block_until'));
  }

  onSuccess(provider: MarketProvider): void {
    this.local.onSuccess(provider);
    const shared = this.mirror.get(provider.id);
    if (shared === undefined || shared.consecutive429 === 0 || !this.connection.connected) return;
    shared.consecutive429 = 0;
    this.connection.client.hset(this.key(provider, 'state'), 'c429', 0).catch(() => this.metrics.redisError('reset_streak'));
  }

  async onFailure(provider: MarketProvider, error: ProviderError): Promise<ThrottleAction | undefined> {
    const local = await this.local.onFailure(provider, error);
    if (!this.connection.connected) return local;
    const { backoffMs, blacklistAfter, blacklistMs } = provider.declaration.on429;
    try {
      const [action, cooldownUntil, blacklistedUntil, headerBlockedUntil, consecutive429] = await this.connection.client.cdsRecordFailure(
        this.key(provider, 'state'),
        Math.floor(this.clock.now()),
        error.kind === 'rate_limited' ? 1 : 0,
        error.banned ? 1 : 0,
        error.retryAfterMs ?? -1,
        blacklistAfter,
        blacklistMs,
        JSON.stringify(backoffMs),
        STATE_TTL_MS,
      );
      const previous = this.mirror.get(provider.id);
      const shared = { cooldownUntil: cooldownUntil!, blacklistedUntil: blacklistedUntil!, headerBlockedUntil: headerBlockedUntil!, consecutive429: consecutive429! };
      this.mirror.set(provider.id, {
        ...shared,
        callsInWindow: previous?.callsInWindow ?? 0,
        nextCallAt: Math.max(previous?.nextCallAt ?? 0, shared.cooldownUntil, shared.blacklistedUntil, shared.headerBlockedUntil),
      });
      return ACTIONS[action!] ?? local;
    } catch {
      this.metrics.redisError('record_failure');
      return local;
    }
  }

  /** The shared figures this replica last heard, per provider id (for the status). */
  sharedSnapshot(): ReadonlyMap<string, Readonly<SharedThrottle>> {
    return this.mirror;
  }

  /** The mirror counts only while connected: without Redis the replica's own throttle decides. */
  private sharedState(provider: MarketProvider): SharedThrottle | undefined {
    return this.connection.connected ? this.mirror.get(provider.id) : undefined;
  }

  private async localSlot(provider: MarketProvider, weight: number): Promise<boolean> {
    const granted = await this.local.tryAcquire(provider, weight);
    this.metrics.slot('local_fallback', granted);
    return granted;
  }

  private key(provider: MarketProvider, part: 'calls' | 'state'): string {
    return this.connection.key('rl', provider.id, part);
  }
}
