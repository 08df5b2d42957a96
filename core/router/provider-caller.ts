import { inject, injectable } from 'inversify';
import { ResponseCache, cacheKey, type CacheEntry } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import { ProviderError } from '../errors/provider-error.js';
import type { Capability, CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { abortable } from '../resilience/abortable.js';
import type { Deadline } from '../resilience/deadline.js';
import { isOpenCircuit, toProviderError } from '../resilience/failure-kinds.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import { acquireWithinDeadline, slotWaitMs } from '../resilience/slot-wait.js';
import { RouterStats } from '../stats/router-stats.js';
import { assertAnswerMatches } from './answer-checks.js';
import { CallCoalescer } from './call-coalescer.js';
import { ProviderHealth } from './provider-health.js';

/** Unaccepted answers kept at most (the oldest is dropped first). */
const MAX_UNVERIFIED = 1_000;

/** How to ask: `waitForSlot` waits for the rate-limit guard's next slot when that fits in the deadline. */
export interface CallOptions {
  waitForSlot?: boolean;
}

/** What asking one provider gave. */
export type CallResult<C extends Capability> =
  | { outcome: 'answer'; entry: CacheEntry<C>; cached: boolean }
  | { outcome: 'skipped'; reason: 'circuit open' | 'rate limited' | 'answer rejected' };

/**
 * Asks one provider for one answer, the way the router always does: its fresh cached answer if any;
 * else a call already running for the same query (coalescing); else, when its circuit is closed and
 * the rate-limit guard allows, an upstream call through its cockatiel policy. Every upstream outcome
 * feeds the guard, the health and the stats. Answers are checked but not cached: the router caches
 * what it accepts.
 */
@injectable()
export class ProviderCaller {
  /**
   * Answers not (yet) accepted by the router, reused while within the provider's TTL: the price
   * cross-check of concurrent requests judges them again instead of calling the upstream again.
   */
  private readonly unverified = new Map<string, CacheEntry<Capability>>();
  /** Answers the price cross-check refused: skipped by later requests rather than judged (and counted) again. */
  private readonly rejected = new WeakSet<CacheEntry<Capability>>();

  constructor(
    @inject(ResponseCache) private readonly cache: ResponseCache,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(ProviderHealth) private readonly health: ProviderHealth,
    @inject(CallCoalescer) private readonly coalescer: CallCoalescer,
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** True when asking `provider` now could give an answer without breaking its limits. */
  canAnswer<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): boolean {
    if (this.cache.fresh(provider, capability, query) !== undefined) return true;
    if (this.coalescer.isRunning(cacheKey(capability, provider.id, query))) return true;
    return this.isCallable(provider);
  }

  /** True when an upstream call to `provider` could go out now: its circuit is not open and its guard allows. */
  isCallable(provider: MarketProvider): boolean {
    return this.policies.policyFor(provider).openUntil() === undefined && this.guard.allows(provider);
  }

  /**
   * When nothing else can answer: how long until an upstream call to `provider` could go out, if
   * its circuit is not open and the rate-limit wait still fits in the deadline; else undefined.
   */
  slotWaitMs(provider: MarketProvider, deadline: Deadline): number | undefined {
    if (this.policies.policyFor(provider).openUntil() !== undefined) return undefined;
    return slotWaitMs(this.guard, provider, this.clock, deadline);
  }

  /** The router accepted the answer for this query: from now on it lives in the cache only. */
  forgetUnverified<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): void {
    this.unverified.delete(cacheKey(capability, provider.id, query));
  }

  /** The router refused this answer (a wrong price): nobody is served it while it would be reused. False when already refused. */
  markRejected(entry: CacheEntry<Capability>): boolean {
    if (this.rejected.has(entry)) return false;
    this.rejected.add(entry);
    return true;
  }

  /** Earliest time (ms since epoch) `provider` may be called again. */
  availableAt(provider: MarketProvider): number {
    return Math.max(this.guard.nextCallAt(provider), this.policies.policyFor(provider).openUntil() ?? 0);
  }

  /** Throws the provider's ProviderError when it fails. */
  async call<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, deadline: Deadline, options: CallOptions = {}): Promise<CallResult<C>> {
    const fresh = this.cache.fresh(provider, capability, query);
    if (fresh !== undefined) {
      this.stats.recordCacheHit(provider.id, capability);
      return { outcome: 'answer', entry: fresh, cached: true };
    }
    this.stats.recordCacheMiss(provider.id, capability);
    const key = cacheKey(capability, provider.id, query);
    const recent = this.unverified.get(key) as CacheEntry<C> | undefined;
    if (recent !== undefined && this.clock.now() - recent.fetchedAt < (provider.declaration.cacheTtlMs[capability] ?? 0)) {
      return this.rejected.has(recent) ? { outcome: 'skipped', reason: 'answer rejected' } : { outcome: 'answer', entry: recent, cached: false };
    }
    if (this.coalescer.isRunning(key)) this.stats.recordCoalesced(provider.id, capability);
    const result = await this.coalescer.run(key, () => this.callUpstream(provider, capability, query, deadline, key, options));
    return result.outcome === 'answer' && this.rejected.has(result.entry) ? { outcome: 'skipped', reason: 'answer rejected' } : result;
  }

  /**
   * The call the coalescer shares with identical concurrent requests: skipped while the circuit is
   * open or the guard refuses a slot (waited for with `waitForSlot`), else the provider through its
   * policy (a retry only with another slot from the guard). A success that closes the circuit again
   * tells the health the provider recovered.
   */
  private async callUpstream<C extends Capability>(
    provider: MarketProvider,
    capability: C,
    query: CapabilityQuery<C>,
    deadline: Deadline,
    key: string,
    options: CallOptions,
  ): Promise<CallResult<C>> {
    const policy = this.policies.policyFor(provider);
    if (policy.openUntil() !== undefined) return { outcome: 'skipped', reason: 'circuit open' };
    const acquired = options.waitForSlot === true ? await acquireWithinDeadline(this.guard, provider, this.clock, deadline) : await this.guard.tryAcquire(provider);
    if (!acquired) return { outcome: 'skipped', reason: 'rate limited' };
    const probing = policy.circuit() !== 'closed';
    try {
      const entry = await policy.execute(
        ({ signal }) => this.upstream(provider, capability, query, signal),
        deadline,
        () => this.guard.tryAcquire(provider),
      );
      if (probing && policy.circuit() === 'closed') this.health.recovered(provider.id);
      this.remember(key, entry);
      return { outcome: 'answer', entry, cached: false };
    } catch (error) {
      if (isOpenCircuit(error)) return { outcome: 'skipped', reason: 'circuit open' };
      throw toProviderError(provider.id, error);
    }
  }

  private remember(key: string, entry: CacheEntry<Capability>): void {
    this.unverified.delete(key);
    this.unverified.set(key, entry);
    if (this.unverified.size > MAX_UNVERIFIED) this.unverified.delete(this.unverified.keys().next().value!);
  }

  /** One upstream call, bounded by `signal` even if the provider ignores it. */
  private async upstream<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, signal: AbortSignal): Promise<CacheEntry<C>> {
    const started = performance.now();
    try {
      const work = provider.fetch(capability, query, { signal, onRateLimitInfo: (info) => this.guard.onRateLimitInfo(provider, info) });
      const data = await abortable(work, signal, () => new ProviderError(provider.id, 'timeout', 'no answer in time'));
      assertAnswerMatches(provider.id, capability, query, data);
      const latencyMs = performance.now() - started;
      this.guard.onSuccess(provider);
      this.health.record(provider.id, true, latencyMs);
      this.stats.recordUpstreamSuccess(provider.id, capability, latencyMs);
      return { providerId: provider.id, data, fetchedAt: this.clock.now() };
    } catch (caught) {
      const error = toProviderError(provider.id, caught);
      const latencyMs = performance.now() - started;
      const action = await this.guard.onFailure(provider, error);
      // Not knowing a symbol or lacking an interval says nothing about the provider's health.
      this.health.record(provider.id, error.kind === 'unknown_symbol' || error.kind === 'unsupported', latencyMs);
      this.stats.recordUpstreamFailure(provider.id, capability, error, action ?? 'failover', latencyMs);
      throw error;
    }
  }
}
