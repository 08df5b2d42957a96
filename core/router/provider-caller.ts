import { inject, injectable } from 'inversify';
import { ResponseCache, cacheKey, type CacheEntry } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import { ProviderError } from '../errors/provider-error.js';
import { MarketCatalogue } from '../markets/market-catalogue.js';
import type { Capability, CapabilityQuery } from '../providers/capability.js';
import type { FetchContext, MarketProvider } from '../providers/market-provider.js';
import { abortable } from '../resilience/abortable.js';
import type { Deadline } from '../resilience/deadline.js';
import { isOpenCircuit, toProviderError } from '../resilience/failure-kinds.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import { RouterStats } from '../stats/router-stats.js';
import { assertAnswerMatches, quoteOf, symbolOf } from './answer-checks.js';
import { CallCoalescer } from './call-coalescer.js';
import { ProviderHealth } from './provider-health.js';

/** Unaccepted answers kept at most (the oldest is dropped first). */
const MAX_UNVERIFIED = 1_000;

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
    @inject(MarketCatalogue) private readonly markets: MarketCatalogue,
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
  async call<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, deadline: Deadline): Promise<CallResult<C>> {
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
    const result = await this.coalescer.run(key, () => this.callUpstream(provider, capability, query, deadline, key));
    return result.outcome === 'answer' && this.rejected.has(result.entry) ? { outcome: 'skipped', reason: 'answer rejected' } : result;
  }

  /**
   * The call the coalescer shares with identical concurrent requests: skipped while the circuit is
   * open or the guard refuses a slot, else the provider through its policy (a retry only with
   * another slot from the guard).
   */
  private async callUpstream<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, deadline: Deadline, key: string): Promise<CallResult<C>> {
    const policy = this.policies.policyFor(provider);
    if (policy.openUntil() !== undefined) return { outcome: 'skipped', reason: 'circuit open' };
    if (!(await this.guard.tryAcquire(provider))) return { outcome: 'skipped', reason: 'rate limited' };
    try {
      const entry = await policy.execute(
        ({ signal }) => this.upstream(provider, capability, query, signal),
        deadline,
        () => this.guard.tryAcquire(provider),
      );
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
      const context: FetchContext = { signal, onRateLimitInfo: (info) => this.guard.onRateLimitInfo(provider, info) };
      if (symbolOf(query) !== undefined) context.marketFor = (ticker) => this.markets.resolve(provider.id, ticker, quoteOf(query));
      const work = provider.fetch(capability, query, context);
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
