import { inject, injectable } from 'inversify';
import { cacheKey } from '../cache/response-cache.js';
import { MarketCatalogue, type ResolvedMarket } from '../markets/market-catalogue.js';
import type { CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
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
}

/** What stays true of a query between requests: its candidates in priority order, while the market catalogue is unchanged. */
interface HitPlan {
  generation: number;
  candidates: HitCandidate[];
  demandKey: string;
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
 * Only what cannot change between requests is kept per query (the candidates, their markets and
 * cache keys, until the catalogue installs a listing; the registry's enabled providers are fixed
 * once built): readiness, health, the rotation and the cache are read on every request.
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
  ) {}

  serve<C extends CachedCapability>(capability: C, query: CapabilityQuery<C> & { quote: string }): RoutedAnswer<C> | undefined {
    const started = performance.now();
    const plan = this.planFor(capability, query);
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
    const { provider } = first;
    this.stats.recordSelection(provider.id, capability);
    this.routingLog.selected(provider.id, capability, { symbol: query.symbol });
    this.stats.recordCacheHit(provider.id, capability);
    this.routingLog.cacheHit(provider.id, capability, query.symbol);
    const answer: RoutedAnswer<C> = { data: entry.data, providerId: provider.id, source: provider.declaration.name, cached: true, stale: false, fetchedAt: entry.fetchedAt, market: first.market };
    this.stats.recordServed(provider.id, capability);
    this.stats.recordRequest(capability, { ok: true, cached: true, stale: false, durationMs: performance.now() - started });
    this.demand.served(plan.demandKey, provider.id);
    return answer;
  }

  private planFor<C extends CachedCapability>(capability: C, query: CapabilityQuery<C> & { quote: string }): HitPlan {
    const id = `${capability}:${query.symbol}:${query.quote}`;
    const known = this.plans.get(id);
    if (known !== undefined && known.generation === this.markets.generation) return known;
    const candidates: HitCandidate[] = [];
    for (const provider of this.registry.enabledFor(capability)) {
      const market = this.markets.resolve(provider.id, query.symbol, query.quote);
      if (market !== undefined) candidates.push({ provider, market, cacheKey: cacheKey(capability, provider.id, query) });
    }
    const plan = { generation: this.markets.generation, candidates, demandKey: this.demand.keyOf(capability, query) };
    this.plans.delete(id);
    this.plans.set(id, plan);
    if (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    return plan;
  }
}
