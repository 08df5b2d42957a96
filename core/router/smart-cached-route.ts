import { inject, injectable } from 'inversify';
import { cacheKey, ResponseCache, type CacheEntry } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import { MarketCatalogue, type ResolvedMarket } from '../markets/market-catalogue.js';
import type { CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RouterStats } from '../stats/router-stats.js';
import { CacheHitDemand } from './cache-hit-demand.js';
import { CachedAnswerValidity } from './cached-answer-validity.js';
import type { CachedCapability, CachedRoute } from './cached-route.js';
import type { RoutedAnswer } from './market-router.js';
import { PanicRouting } from './panic-routing.js';
import { ProviderCaller } from './provider-caller.js';
import { effectiveWeight, ProviderHealth } from './provider-health.js';
import { RouterRotations } from './router-rotations.js';
import { RoutingLog } from './routing-log.js';
import type { WeightedCandidate } from './weighted-rotation.js';

/** Plans kept at most; the oldest is dropped first. */
const MAX_PLANS = 10_000;

/** A provider that lists the query's market, with what `serve` would otherwise work out per request. */
interface HitCandidate {
  provider: MarketProvider;
  market: ResolvedMarket;
  /** `cacheKey(capability, provider.id, query)`. */
  cacheKey: string;
  /** Counts a cache hit served from it: the stats' selection, cache hit and served answer, and the routing log's. */
  countHit: (symbol: string) => void;
}

/** What stays true of a query between requests: its candidates in priority order, while the market catalogue is unchanged. */
interface HitPlan {
  generation: number;
  candidates: HitCandidate[];
  demandKey: string;
  /** Set while no circuit of its candidates was open, when last looked. */
  held: HeldAnswers | undefined;
}

/**
 * Each candidate's fresh answer (undefined for one that had none), in the plan's order, kept while
 * neither the cache (`cacheChanges`) nor any circuit (`circuitChanges`) has changed and the
 * soonest of them is still fresh (`freshUntil`). Meanwhile a candidate with a fresh answer is
 * ready whatever its breaker or rate limit says, one without gets none unless the cache changes,
 * and no recovery probe can be due (that takes an open circuit). The effective weights are kept
 * too, while health has recorded nothing (`healthChanges`) and none of them has aged out
 * (`weightsValidThrough`). Per request only the readiness of the candidates without an answer and
 * the rotation are read.
 */
interface HeldAnswers {
  cacheChanges: number;
  circuitChanges: number;
  healthChanges: number;
  freshUntil: number;
  weightsValidThrough: number;
  entries: Array<CacheEntry<CachedCapability> | undefined>;
  weights: number[];
  /** The candidates with their weights for this request: 0 for one not ready. */
  weighted: WeightedCandidate[];
}

/**
 * The default CachedRoute, SmartRouter's cache hit. `serve` answers exactly when
 * `MarketRouter.route` would serve the first provider of its plan from that provider's fresh cache:
 * the same candidates (enabled, listing the market), the same ready set (fresh cache, a call
 * running, or circuit closed and rate limit allowing, read now, so no breaker or limit change is
 * missed), the same weighted rotation step, no recovery probe due first, and a cached price no
 * newer quote contradicts. It then moves the shared rotation and records what `route` records
 * (selection, cache hit, served, a cached request) and tells the routing log. Any other case
 * returns undefined having changed nothing, and the caller routes the request in full.
 *
 * Only what cannot change between requests is kept per query: the candidates, their markets and
 * cache keys, until the catalogue installs a listing (the registry's enabled providers are fixed
 * once built); and, while no circuit of theirs is open, each one's fresh answer and effective
 * weight (HeldAnswers), until the cache, a circuit or health changes, an answer expires or a
 * health outcome ages out. The rotation and the price check are read on every request, and so is
 * the readiness of a candidate without a fresh answer; with a circuit open, or a cache store that
 * does not count its changes, everything is read per request.
 */
@injectable()
export class SmartCachedRoute implements CachedRoute {
  private readonly plans = new Map<string, HitPlan>();

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(MarketCatalogue) private readonly markets: MarketCatalogue,
    @inject(ProviderCaller) private readonly caller: ProviderCaller,
    @inject(ProviderHealth) private readonly health: ProviderHealth,
    @inject(CachedAnswerValidity) private readonly validity: CachedAnswerValidity,
    @inject(PanicRouting) private readonly panic: PanicRouting,
    @inject(RouterRotations) private readonly rotations: RouterRotations,
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(RoutingLog) private readonly routingLog: RoutingLog,
    @inject(CacheHitDemand) private readonly demand: CacheHitDemand,
    @inject(ResponseCache) private readonly cache: ResponseCache,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  serve<C extends CachedCapability>(capability: C, query: CapabilityQuery<C> & { quote: string }): RoutedAnswer<C> | undefined {
    const started = performance.now();
    const plan = this.planFor(capability, query);
    const held = this.heldAnswers(plan, capability);
    return held === undefined ? this.serveReady(plan, capability, query, started) : this.serveHeld(plan, held, capability, query, started);
  }

  /** The general case: each candidate's readiness and cache read now. */
  private serveReady<C extends CachedCapability>(plan: HitPlan, capability: C, query: CapabilityQuery<C>, started: number): RoutedAnswer<C> | undefined {
    const ready: HitCandidate[] = [];
    const weighted: WeightedCandidate[] = [];
    for (const candidate of plan.candidates) {
      if (!this.caller.canAnswerUnder(candidate.provider, capability, candidate.cacheKey)) continue;
      ready.push(candidate);
      weighted.push({ id: candidate.provider.id, weight: effectiveWeight(candidate.provider, this.health) });
    }
    const rotation = this.rotations.of(capability);
    const lead = rotation.lead(weighted);
    const first = lead.best === undefined ? undefined : ready[weighted.indexOf(lead.best)];
    if (first === undefined || !this.panic.keepsFirst(first.provider, ready.map((candidate) => candidate.provider))) return undefined;
    const entry = this.caller.cachedAnswerUnder(first.provider, capability, first.cacheKey);
    if (entry === undefined || this.validity.contradicts(capability, query, entry)) return undefined;
    rotation.advance(weighted, lead);
    return this.served(plan, first, entry, capability, query, started);
  }

  /** `serveReady` with the answers `held` names: a candidate not ready weighs 0, which the rotation skips as if it were left out. */
  private serveHeld<C extends CachedCapability>(plan: HitPlan, held: HeldAnswers, capability: C, query: CapabilityQuery<C>, started: number): RoutedAnswer<C> | undefined {
    const { candidates } = plan;
    const { weighted, entries, weights } = held;
    for (let index = 0; index < candidates.length; index += 1) {
      const { provider, cacheKey: key } = candidates[index]!;
      weighted[index]!.weight = entries[index] !== undefined || this.caller.canAnswerWithoutFresh(provider, key) ? weights[index]! : 0;
    }
    const rotation = this.rotations.of(capability);
    const lead = rotation.lead(weighted);
    if (lead.best === undefined) return undefined;
    const index = weighted.indexOf(lead.best);
    const first = candidates[index]!;
    const entry = (entries[index] as CacheEntry<C> | undefined) ?? this.caller.cachedAnswerUnder(first.provider, capability, first.cacheKey);
    if (entry === undefined || this.validity.contradicts(capability, query, entry)) return undefined;
    rotation.advance(weighted, lead);
    return this.served(plan, first, entry, capability, query, started);
  }

  /** Records the cache hit as `route` does and makes the answer. */
  private served<C extends CachedCapability>(plan: HitPlan, first: HitCandidate, entry: CacheEntry<C>, capability: C, query: CapabilityQuery<C>, started: number): RoutedAnswer<C> {
    const { provider } = first;
    first.countHit(query.symbol);
    const answer: RoutedAnswer<C> = { data: entry.data, providerId: provider.id, source: provider.declaration.name, cached: true, stale: false, fetchedAt: entry.fetchedAt, market: first.market };
    this.stats.recordRequest(capability, { ok: true, cached: true, stale: false, durationMs: performance.now() - started });
    this.demand.served(plan.demandKey, provider.id);
    return answer;
  }

  /** The plan's HeldAnswers when they still hold or can be read now; else undefined (a circuit is open, or the cache does not count its changes). */
  private heldAnswers(plan: HitPlan, capability: CachedCapability): HeldAnswers | undefined {
    const cacheChanges = this.cache.changes;
    if (cacheChanges === undefined) return undefined;
    const { circuitChanges } = this.policies;
    const healthChanges = this.health.changes;
    const now = this.clock.now();
    const known = plan.held;
    if (
      known !== undefined &&
      known.cacheChanges === cacheChanges &&
      known.circuitChanges === circuitChanges &&
      known.healthChanges === healthChanges &&
      now < known.freshUntil &&
      now <= known.weightsValidThrough
    ) {
      return known;
    }
    plan.held = undefined;
    const entries: HeldAnswers['entries'] = [];
    const weights: number[] = [];
    let freshUntil = Number.POSITIVE_INFINITY;
    let weightsValidThrough = Number.POSITIVE_INFINITY;
    for (const { provider, cacheKey: key } of plan.candidates) {
      if (this.policies.policyFor(provider).openSince() !== undefined) return undefined;
      const entry = this.cache.freshUnder(provider, capability, key);
      entries.push(entry);
      if (entry !== undefined) freshUntil = Math.min(freshUntil, this.cache.freshUntil(provider, capability, entry));
      weights.push(effectiveWeight(provider, this.health));
      weightsValidThrough = Math.min(weightsValidThrough, this.health.factorValidThrough(provider.id));
    }
    const weighted = plan.candidates.map(({ provider }) => ({ id: provider.id, weight: 0 }));
    plan.held = { cacheChanges, circuitChanges, healthChanges, freshUntil, weightsValidThrough, entries, weights, weighted };
    return plan.held;
  }

  private planFor<C extends CachedCapability>(capability: C, query: CapabilityQuery<C> & { quote: string }): HitPlan {
    const id = `${capability}:${query.symbol}:${query.quote}`;
    const known = this.plans.get(id);
    if (known !== undefined && known.generation === this.markets.generation) return known;
    const candidates: HitCandidate[] = [];
    for (const provider of this.registry.enabledFor(capability)) {
      const market = this.markets.resolve(provider.id, query.symbol, query.quote);
      if (market === undefined) continue;
      const countStats = this.stats.cacheHitRecorder(provider.id, capability);
      const countLog = this.routingLog.cacheHitRecorder(provider.id, capability);
      const countHit = (symbol: string): void => {
        countStats();
        countLog(symbol);
      };
      candidates.push({ provider, market, cacheKey: cacheKey(capability, provider.id, query), countHit });
    }
    const plan: HitPlan = { generation: this.markets.generation, candidates, demandKey: this.demand.keyOf(capability, query), held: undefined };
    this.plans.delete(id);
    this.plans.set(id, plan);
    if (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }
}
