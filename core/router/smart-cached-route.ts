import { inject, injectable } from 'inversify';
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

/**
 * The default CachedRoute, SmartRouter's cache hit. `serve` answers exactly when
 * `MarketRouter.route` would serve the first provider of its plan from that provider's fresh cache:
 * the same candidates (enabled, listing the market), the same ready set (fresh cache, a call
 * running, or circuit closed and rate limit allowing, read now, so no breaker or limit change is
 * missed), the same weighted rotation step, no recovery probe due first, and a cached price no
 * newer quote contradicts. It then moves the shared rotation and records what `route` records
 * (selection, cache hit, served, a cached request) and tells the routing log. Any other case
 * returns undefined having changed nothing, and the caller routes the request in full.
 */
@injectable()
export class SmartCachedRoute implements CachedRoute {
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
    const ready: MarketProvider[] = [];
    const markets: ResolvedMarket[] = [];
    const weighted: WeightedCandidate[] = [];
    for (const provider of this.registry.enabledFor(capability)) {
      const market = this.markets.resolve(provider.id, query.symbol, query.quote);
      if (market === undefined || !this.caller.canAnswer(provider, capability, query)) continue;
      ready.push(provider);
      markets.push(market);
      weighted.push({ id: provider.id, weight: effectiveWeight(provider, this.health) });
    }
    const rotation = this.rotations.of(capability);
    const firstId = rotation.peek(weighted);
    const index = ready.findIndex((provider) => provider.id === firstId);
    const first = ready[index];
    if (first === undefined || this.panic.recoveringFirst([first, ...ready.filter((provider) => provider !== first)])[0] !== first) return undefined;
    const entry = this.caller.cachedAnswer(first, capability, query);
    if (entry === undefined || this.validity.contradicts(capability, query, entry)) return undefined;
    rotation.pick(weighted);
    this.stats.recordSelection(first.id, capability);
    this.routingLog.selected(first.id, capability, { symbol: query.symbol });
    this.stats.recordCacheHit(first.id, capability);
    this.routingLog.cacheHit(first.id, capability, query.symbol);
    const answer: RoutedAnswer<C> = { data: entry.data, providerId: first.id, source: first.declaration.name, cached: true, stale: false, fetchedAt: entry.fetchedAt, market: markets[index]! };
    this.stats.recordServed(first.id, capability);
    this.stats.recordRequest(capability, { ok: true, cached: true, stale: false, durationMs: performance.now() - started });
    this.demand.served(capability, query, first.id);
    return answer;
  }
}
