import { inject, injectable } from 'inversify';
import { ResponseCache, type CacheEntry } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import { ServiceUnavailableError, UnknownSymbolError, UnsupportedQueryError } from '../errors/index.js';
import { ProviderError } from '../errors/provider-error.js';
import { Logger } from '../logging/logger.js';
import { MarketCatalogue } from '../markets/market-catalogue.js';
import type { BatchCapability, Capability, CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { Deadline } from '../resilience/deadline.js';
import { toProviderError } from '../resilience/failure-kinds.js';
import { RouterStats } from '../stats/router-stats.js';
import { priceOf, quoteOf, statesPrice, symbolOf } from './answer-checks.js';
import { CacheHitDemand } from './cache-hit-demand.js';
import { CachedAnswerValidity } from './cached-answer-validity.js';
import { buildConsensus, loneSourceTrusted } from './consensus.js';
import type { BatchRoutedAnswer, ConsensusAnswer, MarketRouter, RouteOptions, RoutedAnswer } from './market-router.js';
import { InMemoryCallCoalescer } from './in-memory-call-coalescer.js';
import { PriceCrossCheck, type PendingQuote } from './price-cross-check.js';
import { deviates } from './price-deviation.js';
import { RefreshAhead, type RefreshTarget } from './refresh-ahead.js';
import { PanicRouting } from './panic-routing.js';
import { ProviderCaller, type BatchCallResult } from './provider-caller.js';
import { effectiveWeight, ProviderHealth } from './provider-health.js';
import { referenceKeyOf } from './reference-key.js';
import { ReferencePrices } from './reference-prices.js';
import { RouterConfig } from './router-config.js';
import { queryKey, withQuote } from './query-key.js';
import { RouterRotations } from './router-rotations.js';
import { RoutingLog } from './routing-log.js';
import type { WeightedRotation } from './weighted-rotation.js';

/** One query being answered: who may answer it, its price cross-check and the failures so far. */
interface SymbolAttempt<C extends Capability> {
  capability: C;
  query: CapabilityQuery<C>;
  /** The query's symbol, or '' for capabilities without one. */
  symbol: string;
  candidates: MarketProvider[];
  check: PriceCrossCheck<CacheEntry<C>> | undefined;
  failures: ProviderError[];
  /** Providers whose call for this query came back with anything but a rate-limit refusal (batch requests). */
  heardFrom: Set<string>;
  /** Providers skipped for this query (rate limit, open circuit) and not heard from since: they may list the symbol. */
  unasked: Set<string>;
}

/** After one provider's result: the answer to serve, or why the router goes on. */
type RouteStep<C extends Capability> = { served: RoutedAnswer<C> } | { next: string };

/** One request's plan: who is asked, in which order, why the first was chosen, and whether its rate-limit slot is waited for. */
interface RoutePlan {
  order: MarketProvider[];
  firstReason: string;
  waitForSlot: boolean;
}

/**
 * The smart multi-source router of SPEC §4. The first provider comes from a smooth weighted
 * rotation over the providers that can answer now (declared weight × health); failover follows
 * priority, within `router.maxAttempts` and one deadline. Every answer is checked, and a price
 * far from the reference is cross-checked before it is served or cached. When nothing answers,
 * the freshest cached answer within `router.maxStalenessMs` is served marked stale, else a 503.
 */
@injectable()
export class SmartRouter implements MarketRouter {
  /** Requests waiting on an upstream call, shared with identical ones (one process: each replica shares its own). */
  private readonly misses = new InMemoryCallCoalescer();
  private readonly refresher: RefreshAhead;

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(MarketCatalogue) private readonly markets: MarketCatalogue,
    @inject(ProviderCaller) private readonly caller: ProviderCaller,
    @inject(ResponseCache) private readonly cache: ResponseCache,
    @inject(ReferencePrices) private readonly references: ReferencePrices,
    @inject(ProviderHealth) private readonly health: ProviderHealth,
    @inject(CachedAnswerValidity) private readonly validity: CachedAnswerValidity,
    @inject(PanicRouting) private readonly panic: PanicRouting,
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) private readonly logger: Logger,
    @inject(RouterRotations) private readonly rotations: RouterRotations,
    @inject(RoutingLog) private readonly routingLog: RoutingLog,
    @inject(CacheHitDemand) cacheHits: CacheHitDemand,
  ) {
    this.refresher = new RefreshAhead(config.refreshAhead, clock, (target) => this.refreshAhead(target));
    cacheHits.listen((key, providerId) => this.refresher.requested(key, providerId));
  }

  knowsSymbol(capability: Capability, symbol: string, quote = 'USD'): boolean {
    return this.registry.enabledFor(capability).some((provider) => this.markets.resolve(provider.id, symbol, quote) !== undefined);
  }

  async route<C extends Capability>(capability: C, query: CapabilityQuery<C>, options: RouteOptions = {}): Promise<RoutedAnswer<C>> {
    const started = performance.now();
    const asked = withQuote(query);
    const key = queryKey(capability, asked);
    const budgetMs = options.deadlineMs ?? this.config.deadlineMs;
    const sharedKey = `${key}|${budgetMs}`;
    const joined = this.misses.isRunning(sharedKey);
    const deadline = joined ? undefined : new Deadline(budgetMs);
    try {
      const answer = deadline === undefined ? await this.joinMiss<C>(sharedKey, capability) : await this.answer(capability, asked, deadline, sharedKey);
      this.stats.recordServed(answer.providerId, capability);
      this.stats.recordRequest(capability, { ok: true, cached: answer.cached, stale: answer.stale, durationMs: performance.now() - started });
      this.refresher.requested(key, answer.cached && !answer.stale ? answer.providerId : undefined);
      return answer;
    } catch (error) {
      this.stats.recordRequest(capability, { ok: false, cached: false, stale: false, durationMs: performance.now() - started });
      throw error;
    } finally {
      deadline?.dispose();
    }
  }

  async routeMany<C extends BatchCapability>(capability: C, symbols: readonly string[], options: RouteOptions = {}, quote = 'USD'): Promise<BatchRoutedAnswer<C>[]> {
    const started = performance.now();
    const deadline = new Deadline(options.deadlineMs ?? this.config.deadlineMs);
    try {
      const answers = await this.answerMany(capability, symbols, quote, deadline);
      const durationMs = performance.now() - started;
      for (const result of answers) {
        if ('answer' in result) {
          this.stats.recordServed(result.answer.providerId, capability);
          this.stats.recordRequest(capability, { ok: true, cached: result.answer.cached, stale: result.answer.stale, durationMs });
        } else this.stats.recordRequest(capability, { ok: false, cached: false, stale: false, durationMs });
      }
      return answers;
    } finally {
      deadline.dispose();
    }
  }

  async consensus(symbol: string, options: RouteOptions = {}, quote = 'USD'): Promise<ConsensusAnswer> {
    const started = performance.now();
    const query = { symbol, quote };
    // Like with like: only markets in the very quote asked, never a USDT market standing for USD.
    const candidates = this.candidates('price', query).filter((provider) => this.markets.resolve(provider.id, symbol, quote)?.quote === quote);
    if (candidates.length === 0) throw new UnsupportedQueryError(`No provider lists ${symbol} against ${quote} itself; a consensus does not mix quotes`);
    const ready = candidates
      .filter((provider) => this.caller.canAnswer(provider, 'price', query))
      .sort((a, b) => effectiveWeight(b, this.health) - effectiveWeight(a, this.health) || a.declaration.priority - b.declaration.priority)
      .slice(0, this.config.consensus.maxSources);
    const asked = ready.length > 0 ? ready : this.panic.probesWhenAllEjected(candidates, this.config.consensus.minSources);
    if (asked.length === 0) throw this.nothingAnswered('price', query, candidates, []);
    const deadline = new Deadline(options.deadlineMs ?? this.config.deadlineMs);
    try {
      const settled = await Promise.allSettled(asked.map((provider) => this.caller.call(provider, 'price', query, deadline)));
      const quotes = settled.flatMap((result, index) =>
        result.status === 'fulfilled' && result.value.outcome === 'answer'
          ? [{ provider: asked[index]!, market: this.markets.resolve(asked[index]!.id, symbol, quote)!.id, entry: result.value.entry, cached: result.value.cached }]
          : [],
      ).filter((quote) => !(quote.cached && this.validity.dropIfContradicted(quote.provider, 'price', query, quote.entry)));
      const failures = settled.flatMap((result) => (result.status === 'rejected' && result.reason instanceof ProviderError ? [result.reason] : []));
      const answer = buildConsensus(symbol, quote, quotes, this.config);
      if (answer === undefined || answer.sources.length < Math.min(this.config.consensus.minSources, asked.length, 2)) {
        throw this.nothingAnswered('price', query, candidates, failures, `consensus needs agreeing quotes from at least ${Math.min(this.config.consensus.minSources, asked.length, 2)} providers`);
      }
      if (!loneSourceTrusted(answer, this.references, this.config)) {
        throw this.nothingAnswered('price', query, candidates, failures, `the one quote (${answer.sources[0]!.providerId}) is far from the last good price and no other provider confirms it`);
      }
      for (const quote of quotes) {
        if (answer.sources.some((source) => source.providerId === quote.provider.id)) {
          this.accept(quote.provider, 'price', query, quote.entry, quote.cached);
          this.stats.recordServed(quote.provider.id, 'price');
        }
      }
      this.stats.recordRequest('price', { ok: true, cached: answer.sources.every((source) => source.cached), stale: false, durationMs: performance.now() - started });
      return answer;
    } catch (error) {
      this.stats.recordRequest('price', { ok: false, cached: false, stale: false, durationMs: performance.now() - started });
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Plans the request and walks the plan. A request the cache answers goes alone (each keeps its
   * place in the rotation); one that must wait on an upstream call is shared under `sharedKey`
   * with the identical requests (same query, same budget) that arrive until it is answered.
   */
  private answer<C extends Capability>(capability: C, query: CapabilityQuery<C>, deadline: Deadline, sharedKey: string): Promise<RoutedAnswer<C>> {
    const candidates = this.candidates(capability, query);
    const plan = this.plan(capability, query, candidates, deadline);
    const attempt = this.attempt(capability, query, candidates);
    const first = plan.order[0];
    if (first !== undefined && this.caller.cachedAnswer(first, capability, query) !== undefined) return this.walk(attempt, plan, deadline, false);
    return this.misses.run(sharedKey, () => this.walk(attempt, plan, deadline, true));
  }

  /** The answer of the identical request already waiting on an upstream call, counted as coalesced. */
  private async joinMiss<C extends Capability>(sharedKey: string, capability: C): Promise<RoutedAnswer<C>> {
    const answer = (await this.misses.run(sharedKey, () => Promise.reject(new Error('the shared request ended before it was joined')))) as RoutedAnswer<C>;
    this.stats.recordCoalesced(answer.providerId, capability);
    return answer;
  }

  /**
   * Asks the plan's providers in order until one's answer is served. When the first is asked
   * upstream and its quote will need a second opinion whatever it says (no reference price yet),
   * the next provider is asked at the same time; the answers are still judged in plan order.
   */
  private async walk<C extends Capability>(attempt: SymbolAttempt<C>, plan: RoutePlan, deadline: Deadline, miss: boolean): Promise<RoutedAnswer<C>> {
    const [first, second] = plan.order;
    const early = new Map<MarketProvider, Promise<BatchCallResult<C>>>();
    let reason = plan.firstReason;
    for (const provider of plan.order) {
      let result = early.get(provider);
      if (result === undefined) {
        if (deadline.expired()) break;
        result = this.ask(attempt, provider, deadline, plan.waitForSlot, reason);
        if (provider === first && second !== undefined && miss && attempt.check?.needsSecondOpinion(first.id) === true) {
          early.set(second, this.ask(attempt, second, deadline, plan.waitForSlot, `second opinion asked alongside ${first.id}: no reference price yet`));
        }
      }
      const step = this.judge(attempt, provider, await result);
      if ('served' in step) return step.served;
      reason = step.next;
    }
    return this.conclude(attempt);
  }

  /** One provider's result for the attempt (a thrown error becomes a failure); records and logs the selection. */
  private async ask<C extends Capability>(attempt: SymbolAttempt<C>, provider: MarketProvider, deadline: Deadline, waitForSlot: boolean, reason: string): Promise<BatchCallResult<C>> {
    const { capability, query } = attempt;
    this.stats.recordSelection(provider.id, capability);
    this.routingLog.selected(provider.id, capability, { symbol: symbolOf(query), reason });
    try {
      return await this.caller.call(provider, capability, query, deadline, { waitForSlot });
    } catch (error) {
      return { outcome: 'failed', error: error instanceof ProviderError ? error : new ProviderError(provider.id, 'unavailable', String(error)) };
    }
  }

  /**
   * Refresh ahead of one provider's cached answers (one capability and quote): asks its upstream
   * again, in one batch call when it can, and caches each new answer that passes the checks a
   * served answer would without a second opinion (near the reference price). Anything else leaves
   * the cached answer as it is, to expire; failures are logged at debug only. Resolves with the
   * targets whose call was skipped before it went out (an open circuit, no rate-limit slot).
   */
  private async refreshAhead(targets: RefreshTarget[]): Promise<RefreshTarget[]> {
    const { provider, capability } = targets[0]!;
    const due = targets.filter(({ query, fetchedAt }) => {
      const newer = this.cache.fresh(provider, capability, query);
      if (newer === undefined || newer.fetchedAt <= fetchedAt) return true;
      // Another replica sharing the cache refreshed it already.
      this.refresher.cached(queryKey(capability, query), provider, capability, query, newer.fetchedAt);
      return false;
    });
    if (due.length === 0) return [];
    const deadline = new Deadline(this.config.deadlineMs);
    try {
      if (due.length === 1) {
        const [target] = due as [RefreshTarget];
        const result = await this.caller.refresh(provider, capability, target.query, deadline).catch((error: unknown) => ({ outcome: 'failed' as const, error: toProviderError(provider.id, error) }));
        return this.refreshed(target, result) ? [] : [target];
      }
      // Several targets are companions in one batch call: a batch capability, each with a symbol.
      const results = await this.caller.refreshMany(provider, capability as BatchCapability, due.map((target) => target.query as CapabilityQuery<BatchCapability>), deadline);
      return due.filter((target) => !this.refreshed(target, results.get(symbolOf(target.query)!)));
    } finally {
      deadline.dispose();
    }
  }

  /** Caches one refreshed answer when it may be; false when its call was skipped before it went out (to be tried again). */
  private refreshed({ provider, capability, query }: RefreshTarget, result: BatchCallResult<Capability> | undefined): boolean {
    const about = { provider: provider.id, capability, symbol: symbolOf(query) };
    if (result === undefined || result.outcome === 'failed') {
      this.logger.debug({ ...about, error: result?.error.kind }, 'Refresh ahead failed');
      return true;
    }
    if (result.outcome === 'skipped') {
      this.logger.debug({ ...about, reason: result.reason }, 'Refresh ahead skipped');
      return result.reason === 'answer rejected';
    }
    if (this.refreshTrusted(capability, query, result.entry)) this.accept(provider, capability, query, result.entry, false);
    else this.logger.debug({ ...about, price: priceOf(capability, result.entry.data) }, 'Refresh ahead not cached: its price is far from the reference');
    return true;
  }

  /** A refreshed answer may replace the cached one without a second opinion: it states no price, or one near the reference. */
  private refreshTrusted<C extends Capability>(capability: C, query: CapabilityQuery<C>, entry: CacheEntry<C>): boolean {
    const key = referenceKeyOf(query);
    const price = priceOf(capability, entry.data);
    if (key === undefined || price === undefined || !statesPrice(capability)) return true;
    const reference = this.references.referenceFor(key, entry.providerId);
    return reference !== undefined && !deviates(price, reference, this.config.maxDeviationPercent);
  }

  /**
   * Asks the providers in one order for every symbol they map, all of them together, so each
   * provider gets at most one (batch) call per request: the first by weighted rotation among the
   * ready providers that can batch, then those by priority, then the rest by priority. Each symbol
   * keeps its own cross-check, failures and `router.maxAttempts`.
   */
  private async answerMany<C extends BatchCapability>(capability: C, symbols: readonly string[], quote: string, deadline: Deadline): Promise<BatchRoutedAnswer<C>[]> {
    const answers = new Map<string, BatchRoutedAnswer<C>>();
    const pending: SymbolAttempt<C>[] = [];
    for (const symbol of symbols) {
      const query = { symbol, quote } as CapabilityQuery<C>;
      try {
        pending.push(this.attempt(capability, query, this.candidates(capability, query)));
      } catch (error) {
        answers.set(symbol, { symbol, error: error as Error });
      }
    }
    const attempts = new Map<SymbolAttempt<C>, number>();
    for (const { provider, waitForSlot } of this.batchSteps(capability, pending, answers, deadline)) {
      if (deadline.expired()) break;
      const asked = pending.filter(
        (attempt) =>
          !answers.has(attempt.symbol) &&
          attempt.candidates.includes(provider) &&
          (attempts.get(attempt) ?? 0) < this.config.maxAttempts &&
          (waitForSlot ? !attempt.heardFrom.has(provider.id) : this.caller.canAnswer(provider, capability, attempt.query)),
      );
      if (asked.length === 0) continue;
      for (const attempt of asked) {
        attempts.set(attempt, (attempts.get(attempt) ?? 0) + 1);
        this.stats.recordSelection(provider.id, capability);
      }
      this.routingLog.selected(provider.id, capability, { symbols: asked.length }, asked.length);
      const results = await this.caller.callMany(provider, capability, asked.map((attempt) => attempt.query), deadline, { waitForSlot });
      for (const attempt of asked) {
        const result = results.get(attempt.symbol)!;
        if (result.outcome !== 'skipped' || result.reason !== 'rate limited') attempt.heardFrom.add(provider.id);
        const step = this.judge(attempt, provider, result);
        if ('served' in step) answers.set(attempt.symbol, { symbol: attempt.symbol, answer: step.served });
      }
    }
    for (const attempt of pending) {
      if (answers.has(attempt.symbol)) continue;
      try {
        answers.set(attempt.symbol, { symbol: attempt.symbol, answer: this.conclude(attempt) });
      } catch (error) {
        answers.set(attempt.symbol, { symbol: attempt.symbol, error: error as Error });
      }
    }
    return symbols.map((symbol) => answers.get(symbol)!);
  }

  /**
   * The batch request's providers in `batchOrder`, then, for the symbols still unanswered, the
   * provider not yet heard from for them whose rate-limit wait fits in the deadline soonest, asked with the wait.
   */
  private *batchSteps<C extends BatchCapability>(
    capability: C,
    pending: readonly SymbolAttempt<C>[],
    answers: ReadonlyMap<string, BatchRoutedAnswer<C>>,
    deadline: Deadline,
  ): Generator<{ provider: MarketProvider; waitForSlot: boolean }> {
    for (const provider of this.batchOrder(capability, pending)) yield { provider, waitForSlot: false };
    const unanswered = pending.filter((attempt) => !answers.has(attempt.symbol));
    const waitable = this.registry.enabledFor(capability).filter((provider) => unanswered.some((attempt) => attempt.candidates.includes(provider) && !attempt.heardFrom.has(provider.id)));
    const soonest = this.caller.soonestSlot(waitable, deadline);
    if (soonest !== undefined) yield { provider: soonest.provider, waitForSlot: true };
  }

  /** The batch request's provider order over every symbol's candidates that can answer now (panic routing's probe when none can). */
  private batchOrder<C extends BatchCapability>(capability: C, pending: readonly SymbolAttempt<C>[]): MarketProvider[] {
    const candidates = this.registry.enabledFor(capability).filter((provider) => pending.some((attempt) => attempt.candidates.includes(provider)));
    const ready = candidates.filter((provider) => pending.some((attempt) => attempt.candidates.includes(provider) && this.caller.canAnswer(provider, capability, attempt.query)));
    if (ready.length === 0) {
      const probe = this.panic.probeWhenAllEjected(candidates);
      return probe === undefined ? [] : [probe];
    }
    const batching = ready.filter((provider) => provider.batchOf?.(capability) !== undefined);
    const firstId = this.rotation(capability).pick(batching.map((provider) => ({ id: provider.id, weight: effectiveWeight(provider, this.health) })));
    const first = batching.find((provider) => provider.id === firstId);
    const rest = [...batching.filter((provider) => provider !== first), ...ready.filter((provider) => !batching.includes(provider))];
    return first === undefined ? rest : [first, ...rest];
  }

  /** A fresh attempt at one query: its candidates, its cross-check (for stated prices) and no failures yet. */
  private attempt<C extends Capability>(capability: C, query: CapabilityQuery<C>, candidates: MarketProvider[]): SymbolAttempt<C> {
    const symbol = symbolOf(query);
    const key = referenceKeyOf(query);
    const check = key !== undefined && statesPrice(capability) ? new PriceCrossCheck<CacheEntry<C>>(this.references, key, this.config.maxDeviationPercent) : undefined;
    return { capability, query, symbol: symbol ?? '', candidates, check, failures: [], heardFrom: new Set(), unasked: new Set() };
  }

  /** What one provider's result does to an attempt: serves it, or says why the router goes on. */
  private judge<C extends Capability>(attempt: SymbolAttempt<C>, provider: MarketProvider, result: BatchCallResult<C>): RouteStep<C> {
    const { capability, query, check, failures } = attempt;
    if (result.outcome === 'skipped' && result.reason !== 'answer rejected') attempt.unasked.add(provider.id);
    else attempt.unasked.delete(provider.id);
    if (result.outcome === 'failed') {
      failures.push(result.error);
      return { next: `failover after ${provider.id} ${result.error.kind}` };
    }
    if (result.outcome === 'skipped') return { next: `failover: ${provider.id} ${result.reason}` };
    if (result.cached && this.validity.dropIfContradicted(provider, capability, query, result.entry)) return { next: `failover: ${provider.id} cached price contradicts newer quotes` };
    if (result.cached) {
      const cachedPrice = priceOf(capability, result.entry.data);
      if (check !== undefined && cachedPrice !== undefined) for (const quote of check.settleWith(cachedPrice)) this.reject(quote, capability, failures);
      this.routingLog.cacheHit(provider.id, capability, symbolOf(query));
      return { served: this.served(provider, query, result.entry, true, false) };
    }
    const price = priceOf(capability, result.entry.data);
    if (check === undefined || price === undefined) {
      this.accept(provider, capability, query, result.entry, false);
      return { served: this.served(provider, query, result.entry, false, false) };
    }
    const verdict = check.judge({ providerId: provider.id, price, value: result.entry });
    if (!verdict.trusted) return { next: `cross-check of ${provider.id} price ${price}` };
    for (const quote of verdict.corroborated) this.acceptQuote(quote, capability, query);
    for (const quote of verdict.contradicted) this.reject(quote, capability, failures);
    this.accept(provider, capability, query, result.entry, false);
    return { served: this.served(provider, query, result.entry, false, false) };
  }

  /** When no provider's answer was served: a lone quote that passed every check, else the freshest stale answer, else the error. */
  private conclude<C extends Capability>(attempt: SymbolAttempt<C>): RoutedAnswer<C> {
    const { capability, query, candidates, check, failures } = attempt;
    const lone = check?.trustLoneQuote();
    if (lone !== undefined) {
      const provider = this.registry.get(lone.providerId)!;
      this.accept(provider, capability, query, lone.value, false);
      return this.served(provider, query, lone.value, false, false);
    }
    for (const quote of check?.untrusted() ?? []) this.reject(quote, capability, failures);
    const stale = this.cache.freshest(candidates, capability, query, this.config.maxStalenessMs, (entry) => !this.validity.contradicts(capability, query, entry));
    if (stale !== undefined) {
      this.logger.warn({ provider: stale.providerId, capability, symbol: symbolOf(query), ageMs: this.clock.now() - stale.fetchedAt }, 'Serving stale answer: every provider failed');
      return this.served(this.registry.get(stale.providerId)!, query, stale, true, true);
    }
    throw this.nothingAnswered(capability, query, candidates, failures, undefined, [...attempt.unasked]);
  }

  /** Enabled providers for the capability that serve the symbol in the quote asked (or one standing for it); 404 / 503 when there are none. */
  private candidates<C extends Capability>(capability: C, query: CapabilityQuery<C>): MarketProvider[] {
    const enabled = this.registry.enabledFor(capability);
    if (enabled.length === 0) {
      const disabled = this.registry.disabledReasonsFor(capability);
      throw new ServiceUnavailableError(`No enabled provider serves ${capability}${disabled.length > 0 ? ` (${disabled.join('; ')})` : ''}`);
    }
    const symbol = symbolOf(query);
    if (symbol === undefined) return enabled;
    const quote = quoteOf(query);
    const knowing = enabled.filter((provider) => this.markets.resolve(provider.id, symbol, quote) !== undefined);
    if (knowing.length > 0) return knowing;
    const listed = [...this.markets.quotesOf(symbol).keys()];
    if (listed.length === 0) throw new UnknownSymbolError(`Unknown symbol "${symbol}": no provider lists it`);
    throw new UnknownSymbolError(`Unknown market "${symbol}/${quote}": ${symbol} is listed against ${listed.join(', ')}, not ${quote}`);
  }

  /**
   * First by weighted rotation among those that can answer now, then the rest by priority; a
   * provider whose breaker wait has ended goes first (its probe). When none can answer now: panic
   * routing's probe, else the provider whose rate-limit wait fits in the deadline soonest.
   */
  private plan<C extends Capability>(capability: C, query: CapabilityQuery<C>, candidates: MarketProvider[], deadline: Deadline): RoutePlan {
    const ready = candidates.filter((provider) => this.caller.canAnswer(provider, capability, query));
    if (ready.length === 0) return this.planWithoutReady(candidates, deadline);
    const weighted = ready.map((provider) => ({ id: provider.id, weight: effectiveWeight(provider, this.health) }));
    const firstId = this.rotation(capability).pick(weighted);
    const first = ready.find((provider) => provider.id === firstId);
    const rest = ready.filter((provider) => provider !== first);
    const order = this.panic.recoveringFirst(first === undefined ? rest : [first, ...rest]).slice(0, this.config.maxAttempts);
    const chosen = weighted.find((candidate) => candidate.id === firstId);
    const weightReason = chosen === undefined ? 'priority' : `weighted rotation (effective weight ${round(chosen.weight)} of ${round(weighted.reduce((t, c) => t + c.weight, 0))})`;
    const firstReason = order[0] !== undefined && order[0] !== first && order[0] !== rest[0] ? `recovery probe of ${order[0].id} (breaker wait over)` : weightReason;
    return { order, firstReason, waitForSlot: false };
  }

  private planWithoutReady(candidates: MarketProvider[], deadline: Deadline): RoutePlan {
    const probe = this.panic.probeWhenAllEjected(candidates);
    if (probe !== undefined) return { order: [probe], firstReason: `panic routing: every candidate ejected, probing ${probe.id}`, waitForSlot: false };
    const soonest = this.caller.soonestSlot(candidates, deadline);
    if (soonest === undefined) return { order: [], firstReason: 'no provider ready', waitForSlot: false };
    return { order: [soonest.provider], firstReason: `waiting ${Math.ceil(soonest.waitMs)} ms for ${soonest.provider.id}'s rate limit (fits the deadline)`, waitForSlot: true };
  }

  private rotation(capability: Capability): WeightedRotation {
    return this.rotations.of(capability);
  }

  /** Caches an upstream answer and records its price as a reference, dropping the cached answers it contradicts. */
  private accept<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, entry: CacheEntry<C>, cached: boolean): void {
    const key = referenceKeyOf(query);
    const price = priceOf(capability, entry.data);
    if (key !== undefined && price !== undefined) {
      this.references.accept(key, provider.id, price);
      this.validity.evictContradicting(query);
    }
    if (cached) return;
    this.caller.forgetUnverified(provider, capability, query);
    if (this.cache.put(provider, capability, query, entry)) this.refresher.cached(queryKey(capability, query), provider, capability, query, entry.fetchedAt);
  }

  private acceptQuote<C extends Capability>(quote: PendingQuote<CacheEntry<C>>, capability: C, query: CapabilityQuery<C>): void {
    const provider = this.registry.get(quote.providerId);
    if (provider !== undefined) this.accept(provider, capability, query, quote.value, false);
  }

  /** A quote the cross-check refused: a failure of its provider (counted once), never served nor cached. */
  private reject<C extends Capability>(quote: PendingQuote<CacheEntry<C>>, capability: C, failures: ProviderError[]): void {
    const error = new ProviderError(quote.providerId, 'insane_value', `price ${quote.price} disagrees with the reference and with every other provider`);
    failures.push(error);
    if (!this.caller.markRejected(quote.value)) return;
    this.stats.recordRejection(quote.providerId, capability, error);
    this.health.record(quote.providerId, false, 0);
    this.logger.warn({ provider: quote.providerId, price: quote.price }, 'Rejected a price that failed the cross-check');
  }

  private served<C extends Capability>(provider: MarketProvider, query: CapabilityQuery<C>, entry: CacheEntry<C>, cached: boolean, stale: boolean): RoutedAnswer<C> {
    const answer: RoutedAnswer<C> = { data: entry.data, providerId: provider.id, source: provider.declaration.name, cached, stale, fetchedAt: entry.fetchedAt };
    const symbol = symbolOf(query);
    const market = symbol === undefined ? undefined : this.markets.resolve(provider.id, symbol, quoteOf(query));
    if (market !== undefined) answer.market = market;
    return answer;
  }

  /**
   * 404 when every provider asked said the symbol is unknown and none was left unasked (its rate
   * limit or circuit: it may list it); else 503 with when to retry.
   */
  private nothingAnswered<C extends Capability>(capability: C, query: CapabilityQuery<C>, candidates: MarketProvider[], failures: ProviderError[], why?: string, unasked: string[] = []): Error {
    const symbol = symbolOf(query);
    failures = [...failures, ...unasked.map((id) => new ProviderError(id, 'rate_limited', 'not asked now (rate limit or open circuit)'))];
    if (failures.length > 0 && failures.every((failure) => failure.kind === 'unknown_symbol')) {
      return new UnknownSymbolError(`Unknown symbol "${symbol}": ${failures.map((failure) => failure.message).join('; ')}`);
    }
    if (failures.length > 0 && failures.every((failure) => failure.kind === 'unknown_symbol' || failure.kind === 'unsupported')) {
      return new UnsupportedQueryError(`No provider serves this ${capability} query: ${failures.map((failure) => failure.message).join('; ')}`);
    }
    const now = this.clock.now();
    const soonest = Math.min(...candidates.map((provider) => this.caller.availableAt(provider)), this.panic.nextProbeAt(candidates) ?? Number.POSITIVE_INFINITY);
    const retryAfterSeconds = Math.max(1, Math.ceil((soonest - now) / 1000));
    const details = failures.map((failure) => failure.message);
    const what = symbol === undefined ? capability : `${capability} of ${symbol}`;
    const message = `No provider could answer ${what}${why === undefined ? '' : `: ${why}`}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
    return new ServiceUnavailableError(message, { retryAfterSeconds });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
