import { inject, injectable } from 'inversify';
import { ResponseCache, cacheKey, type CacheEntry } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import { ProviderError } from '../errors/provider-error.js';
import { MarketCatalogue } from '../markets/market-catalogue.js';
import type { BatchCapability, Capability, CapabilityQuery } from '../providers/capability.js';
import type { FetchContext, MarketProvider, ProviderBatch } from '../providers/market-provider.js';
import { abortable } from '../resilience/abortable.js';
import type { Deadline } from '../resilience/deadline.js';
import { isOpenCircuit, toProviderError } from '../resilience/failure-kinds.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import { acquireWithinDeadline, slotWaitMs } from '../resilience/slot-wait.js';
import { RouterStats } from '../stats/router-stats.js';
import { assertAnswerMatches, quoteOf, symbolOf } from './answer-checks.js';
import { chunkByLimit } from './batch-chunks.js';
import { shareBatchAnswers, unshareBatchAnswers } from './shared-batch-answers.js';
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

/** What asking one provider for many symbols gave one of them: as `call` would, or the failure of that symbol alone. */
export type BatchCallResult<C extends Capability> = CallResult<C> | { outcome: 'failed'; error: ProviderError };

/** A batch call skipped before it went out. */
type SkippedCall = Extract<CallResult<Capability>, { outcome: 'skipped' }>;

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
  /**
   * Cached answers being refreshed ahead, by cache key: served as cached until their refresh
   * settles, even past their TTL (RFC 5861 stale-while-revalidate), so no request waits on a refresh.
   */
  private readonly revalidating = new Map<string, CacheEntry<Capability>>();

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
    // The cheapest check first: most of the time the provider is callable, and no cache key need be built.
    return this.isCallable(provider) || this.heldOrRunning(provider, capability, cacheKey(capability, provider.id, query));
  }

  /** `canAnswer` for a query whose cache key the caller already holds. */
  canAnswerUnder(provider: MarketProvider, capability: Capability, key: string): boolean {
    return this.isCallable(provider) || this.heldOrRunning(provider, capability, key);
  }

  /** `canAnswerUnder` for a query the caller knows has no fresh answer cached: a call could go out now, or its answer is being refreshed or fetched. */
  canAnswerWithoutFresh(provider: MarketProvider, key: string): boolean {
    return this.isCallable(provider) || this.onItsWay(key);
  }

  private heldOrRunning(provider: MarketProvider, capability: Capability, key: string): boolean {
    return this.cache.freshUnder(provider, capability, key) !== undefined || this.onItsWay(key);
  }

  /** An answer to the query under `key` is being refreshed ahead (the old one is served meanwhile) or fetched. */
  private onItsWay(key: string): boolean {
    return this.revalidating.has(key) || this.coalescer.isRunning(key);
  }

  /** The provider's fresh cached answer, or the one being refreshed ahead while its refresh runs. */
  cachedAnswer<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): CacheEntry<C> | undefined {
    return this.cachedAnswerUnder(provider, capability, cacheKey(capability, provider.id, query));
  }

  /** `cachedAnswer` for a query whose cache key the caller already holds. */
  cachedAnswerUnder<C extends Capability>(provider: MarketProvider, capability: C, key: string): CacheEntry<C> | undefined {
    return this.cache.freshUnder<C>(provider, capability, key) ?? (this.revalidating.get(key) as CacheEntry<C> | undefined);
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

  /** Of `candidates`, the one whose rate-limit wait (`slotWaitMs`) is shortest, with that wait; undefined when none fits. */
  soonestSlot(candidates: readonly MarketProvider[], deadline: Deadline): { provider: MarketProvider; waitMs: number } | undefined {
    let soonest: { provider: MarketProvider; waitMs: number } | undefined;
    for (const provider of candidates) {
      const waitMs = this.slotWaitMs(provider, deadline);
      if (waitMs !== undefined && (soonest === undefined || waitMs < soonest.waitMs)) soonest = { provider, waitMs };
    }
    return soonest;
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
    const reusable = this.reusable(provider, capability, query);
    if (reusable !== undefined) return reusable;
    const key = cacheKey(capability, provider.id, query);
    if (this.coalescer.isRunning(key)) this.stats.recordCoalesced(provider.id, capability);
    return this.sharedCall(provider, capability, query, deadline, key, options);
  }

  /**
   * Asks the upstream again although a fresh answer is cached (refresh ahead): shared with an
   * identical call already running, skipped like any call when the circuit is open or the guard
   * refuses a slot (never waited for). Throws the provider's ProviderError when it fails.
   */
  async refresh<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, deadline: Deadline): Promise<CallResult<C>> {
    const key = cacheKey(capability, provider.id, query);
    const stopServing = this.serveWhileRefreshing(provider, [[capability, query]]);
    try {
      return await this.sharedCall(provider, capability, query, deadline, key, {});
    } finally {
      stopServing();
    }
  }

  /**
   * `refresh` for many symbols of one quote at once: through the provider's batch endpoint when it
   * has one, split by its declared limits, each part one upstream call as `callMany` makes it;
   * otherwise one `refresh` per symbol. Keyed by symbol.
   */
  async refreshMany<C extends BatchCapability>(
    provider: MarketProvider,
    capability: C,
    queries: readonly CapabilityQuery<C>[],
    deadline: Deadline,
  ): Promise<Map<string, BatchCallResult<C>>> {
    const results = new Map<string, BatchCallResult<C>>();
    const batch = provider.batchOf?.(capability);
    if (batch === undefined || queries.length === 1) {
      const settled = await Promise.allSettled(queries.map((query) => this.refresh(provider, capability, query, deadline)));
      settled.forEach((outcome, index) => results.set(queries[index]!.symbol, outcome.status === 'fulfilled' ? outcome.value : failed(provider, outcome.reason)));
      return results;
    }
    const chunks = chunkByLimit(queries, (query) => provider.declaration.symbols[query.symbol] ?? query.symbol, batch.limit);
    const stopServing = this.serveWhileRefreshing(provider, queries.map((query) => [capability, query] as const));
    try {
      await Promise.all(chunks.map((chunk) => this.callChunk(provider, capability, chunk, batch, deadline, results, {})));
    } finally {
      stopServing();
    }
    return results;
  }

  /** The upstream call under `key`, shared with an identical one running; an answer the cross-check refused meanwhile comes back skipped. */
  private async sharedCall<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, deadline: Deadline, key: string, options: CallOptions): Promise<CallResult<C>> {
    const result = await this.coalescer.run(key, () => this.callUpstream(provider, capability, query, deadline, key, options));
    return result.outcome === 'answer' && this.rejected.has(result.entry) ? { outcome: 'skipped', reason: 'answer rejected' } : result;
  }

  /** Keeps serving the cached answers to `queries` while they are refreshed; returns what ends it. */
  private serveWhileRefreshing(provider: MarketProvider, queries: readonly (readonly [Capability, CapabilityQuery<Capability>])[]): () => void {
    const serving: string[] = [];
    for (const [capability, query] of queries) {
      const held = this.cache.held(provider, capability, query);
      if (held === undefined) continue;
      const key = cacheKey(capability, provider.id, query);
      this.revalidating.set(key, held);
      serving.push(key);
    }
    return () => {
      for (const key of serving) this.revalidating.delete(key);
    };
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

  /**
   * Asks `provider` for many symbols: each one's fresh cached or reusable answer as `call` gives it;
   * the rest through the provider's batch endpoint, split by its declared limits, one upstream call
   * per part, each through the guard (with the endpoint's weight) and the policy like any call, and
   * shared through the coalescer with an identical part already running.
   * Without a batch endpoint, or for a single symbol, each goes through `call`. With `waitForSlot`,
   * each upstream call waits for its rate-limit slot when that fits in the deadline. Keyed by symbol.
   */
  async callMany<C extends BatchCapability>(
    provider: MarketProvider,
    capability: C,
    queries: readonly CapabilityQuery<C>[],
    deadline: Deadline,
    options: CallOptions = {},
  ): Promise<Map<string, BatchCallResult<C>>> {
    const results = new Map<string, BatchCallResult<C>>();
    const batch = provider.batchOf?.(capability);
    if (batch === undefined || queries.length === 1) {
      const settled = await Promise.allSettled(queries.map((query) => this.call(provider, capability, query, deadline, options)));
      settled.forEach((outcome, index) => results.set(queries[index]!.symbol, outcome.status === 'fulfilled' ? outcome.value : failed(provider, outcome.reason)));
      return results;
    }
    const missing: CapabilityQuery<C>[] = [];
    for (const query of queries) {
      const reusable = this.reusable(provider, capability, query);
      if (reusable === undefined) missing.push(query);
      else results.set(query.symbol, reusable);
    }
    const chunks = chunkByLimit(missing, (query) => provider.declaration.symbols[query.symbol] ?? query.symbol, batch.limit);
    await Promise.all(chunks.map((chunk) => this.callChunk(provider, capability, chunk, batch, deadline, results, options)));
    return results;
  }

  /** The fresh cached answer, or a recent unaccepted one, when there is one; counts the cache lookup. */
  private reusable<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): CallResult<C> | undefined {
    const fresh = this.cachedAnswer(provider, capability, query);
    if (fresh !== undefined) {
      this.stats.recordCacheHit(provider.id, capability);
      return { outcome: 'answer', entry: fresh, cached: true };
    }
    this.stats.recordCacheMiss(provider.id, capability);
    const recent = this.unverified.get(cacheKey(capability, provider.id, query)) as CacheEntry<C> | undefined;
    if (recent === undefined || this.clock.now() - recent.fetchedAt >= (provider.declaration.cacheTtlMs[capability] ?? 0)) return undefined;
    return this.rejected.has(recent) ? { outcome: 'skipped', reason: 'answer rejected' } : { outcome: 'answer', entry: recent, cached: false };
  }

  /** One upstream batch call for `chunk`; every symbol of it gets a result in `results`. */
  private async callChunk<C extends BatchCapability>(
    provider: MarketProvider,
    capability: C,
    chunk: readonly CapabilityQuery<C>[],
    batch: ProviderBatch,
    deadline: Deadline,
    results: Map<string, BatchCallResult<C>>,
    options: CallOptions,
  ): Promise<void> {
    const weight = batch.weight(chunk.length);
    const key = `batch:${capability}:${provider.id}:${chunk.map((query) => query.symbol).sort().join(',')}`;
    if (this.coalescer.isRunning(key)) for (let index = 0; index < chunk.length; index += 1) this.stats.recordCoalesced(provider.id, capability);
    let answers: Map<string, CacheEntry<C> | ProviderError> | SkippedCall;
    try {
      const shared = await this.coalescer.run(key, async () => {
        const result = await this.callBatchUpstream(provider, capability, chunk, weight, deadline, options);
        return 'outcome' in result ? result : shareBatchAnswers(result);
      });
      answers = Array.isArray(shared) ? unshareBatchAnswers(provider.id, shared) : shared;
    } catch (error) {
      for (const query of chunk) results.set(query.symbol, failed(provider, error));
      return;
    }
    for (const query of chunk) {
      if ('outcome' in answers) {
        results.set(query.symbol, answers);
        continue;
      }
      const answer = answers.get(query.symbol)!;
      if (answer instanceof ProviderError) {
        results.set(query.symbol, { outcome: 'failed', error: answer });
        continue;
      }
      this.remember(cacheKey(capability, provider.id, query), answer);
      results.set(query.symbol, { outcome: 'answer', entry: answer, cached: false });
    }
  }

  /** Skipped while the circuit is open or the guard refuses `weight` slots (waited for with `waitForSlot`), else the batch through the provider's policy. */
  private async callBatchUpstream<C extends BatchCapability>(
    provider: MarketProvider,
    capability: C,
    chunk: readonly CapabilityQuery<C>[],
    weight: number,
    deadline: Deadline,
    options: CallOptions,
  ): Promise<Map<string, CacheEntry<C> | ProviderError> | SkippedCall> {
    const policy = this.policies.policyFor(provider);
    if (policy.openUntil() !== undefined) return { outcome: 'skipped', reason: 'circuit open' };
    const acquired = options.waitForSlot === true ? await acquireWithinDeadline(this.guard, provider, this.clock, deadline, weight) : await this.guard.tryAcquire(provider, weight);
    if (!acquired) return { outcome: 'skipped', reason: 'rate limited' };
    const probing = policy.circuit() !== 'closed';
    try {
      const answers = await policy.execute(({ signal }) => this.upstreamMany(provider, capability, chunk, signal), deadline, () => this.guard.tryAcquire(provider, weight));
      if (probing && policy.circuit() === 'closed') this.health.recovered(provider.id);
      return answers;
    } catch (error) {
      if (isOpenCircuit(error)) return { outcome: 'skipped', reason: 'circuit open' };
      throw toProviderError(provider.id, error);
    }
  }

  /**
   * One upstream batch call, bounded by `signal`. The call's outcome feeds the guard, the health
   * and the stats once; each symbol's answer is then checked on its own, and a symbol the provider
   * left out or answered badly fails alone (a bad element is counted as a rejected answer).
   */
  private async upstreamMany<C extends BatchCapability>(
    provider: MarketProvider,
    capability: C,
    chunk: readonly CapabilityQuery<C>[],
    signal: AbortSignal,
  ): Promise<Map<string, CacheEntry<C> | ProviderError>> {
    const started = performance.now();
    let answers;
    try {
      // Every query of a chunk asks the same quote (routeMany takes one): the markets are resolved in it.
      const quote = chunk[0] === undefined ? 'USD' : quoteOf(chunk[0]);
      const context: FetchContext = { signal, onRateLimitInfo: (info) => this.guard.onRateLimitInfo(provider, info), marketFor: (ticker) => this.markets.resolve(provider.id, ticker, quote) };
      const work = provider.fetchMany!(capability, chunk, context);
      answers = await abortable(work, signal, () => new ProviderError(provider.id, 'timeout', 'no answer in time'));
    } catch (caught) {
      throw await this.upstreamFailed(provider, capability, caught, started);
    }
    this.upstreamSucceeded(provider, capability, started);
    const fetchedAt = this.clock.now();
    const checked = new Map<string, CacheEntry<C> | ProviderError>();
    for (const query of chunk) {
      const data = answers.get(query.symbol) ?? new ProviderError(provider.id, 'unknown_symbol', `left ${query.symbol} out of its batch answer`);
      try {
        if (data instanceof ProviderError) throw data;
        assertAnswerMatches(provider.id, capability, query, data);
        checked.set(query.symbol, { providerId: provider.id, data, fetchedAt });
      } catch (caught) {
        const error = toProviderError(provider.id, caught);
        if (error.kind !== 'unknown_symbol') this.stats.recordRejection(provider.id, capability, error);
        checked.set(query.symbol, error);
      }
    }
    return checked;
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
      this.upstreamSucceeded(provider, capability, started);
      return { providerId: provider.id, data, fetchedAt: this.clock.now() };
    } catch (caught) {
      throw await this.upstreamFailed(provider, capability, caught, started);
    }
  }

  /** An upstream call (single or batch) answered: the guard, health and stats hear of it. */
  private upstreamSucceeded(provider: MarketProvider, capability: Capability, started: number): void {
    const latencyMs = performance.now() - started;
    this.guard.onSuccess(provider);
    this.health.record(provider.id, true, latencyMs);
    this.stats.recordUpstreamSuccess(provider.id, capability, latencyMs);
  }

  /** An upstream call (single or batch) failed: the guard, health and stats hear of it; returns the error to throw. */
  private async upstreamFailed(provider: MarketProvider, capability: Capability, caught: unknown, started: number): Promise<ProviderError> {
    const error = toProviderError(provider.id, caught);
    const latencyMs = performance.now() - started;
    const action = await this.guard.onFailure(provider, error);
    // Not knowing a symbol or lacking an interval says nothing about the provider's health.
    this.health.record(provider.id, error.kind === 'unknown_symbol' || error.kind === 'unsupported', latencyMs);
    this.stats.recordUpstreamFailure(provider.id, capability, error, action ?? 'failover', latencyMs);
    return error;
  }
}

function failed(provider: MarketProvider, error: unknown): { outcome: 'failed'; error: ProviderError } {
  return { outcome: 'failed', error: toProviderError(provider.id, error) };
}
