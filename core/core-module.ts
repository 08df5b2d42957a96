import { ContainerModule, type ContainerModuleLoadOptions } from 'inversify';
import { Registry } from 'prom-client';
import { CacheConfig } from './cache/cache-config.js';
import { CacheStore } from './cache/cache-store.js';
import { NodeCacheStore } from './cache/node-cache-store.js';
import { ResponseCache } from './cache/response-cache.js';
import { Clock, SystemClock } from './clock/clock.js';
import type { AppConfig } from './config/app-config.js';
import { LogConfig } from './config/log-config.js';
import { HttpRoutes } from './http/http-routes.js';
import { ReadinessCheck } from './http/readiness-check.js';
import { WebSocketGateway } from './http/web-socket-gateway.js';
import { LifecycleContribution } from './kernel/lifecycle-contribution.js';
import { ListingMarketCatalogue } from './markets/listing-market-catalogue.js';
import { MarketCatalogue } from './markets/market-catalogue.js';
import { MarketListStore } from './markets/market-list-store.js';
import { MarketListingCaller } from './markets/market-listing-caller.js';
import { MarketsConfig } from './markets/markets-config.js';
import { MetricsRegistry } from './metrics/metrics-registry.js';
import { HttpMetrics } from './metrics/http-metrics.js';
import { ProviderStateMetrics } from './metrics/provider-state-metrics.js';
import { RouterMetrics } from './metrics/router-metrics.js';
import { ProviderRegistry } from './providers/provider-registry.js';
import { InMemoryRateLimitGuard } from './resilience/in-memory-rate-limit-guard.js';
import { ProviderPolicyFactory } from './resilience/provider-policy-factory.js';
import { RateLimitGuard } from './resilience/rate-limit-guard.js';
import { CallCoalescer } from './router/call-coalescer.js';
import { InMemoryCallCoalescer } from './router/in-memory-call-coalescer.js';
import { InMemoryProviderHealth } from './router/in-memory-provider-health.js';
import { CachedAnswerValidity } from './router/cached-answer-validity.js';
import { PanicRouting } from './router/panic-routing.js';
import { InMemoryReferencePrices } from './router/in-memory-reference-prices.js';
import { MarketRouter } from './router/market-router.js';
import { ProviderCaller } from './router/provider-caller.js';
import { ProviderHealth } from './router/provider-health.js';
import { ReferencePrices } from './router/reference-prices.js';
import { RouterConfig } from './router/router-config.js';
import { RouterReadiness } from './router/router-readiness.js';
import { CacheHitDemand } from './router/cache-hit-demand.js';
import { RouterRotations } from './router/router-rotations.js';
import { RoutingLog } from './router/routing-log.js';
import { CachedRoute } from './router/cached-route.js';
import { SmartCachedRoute } from './router/smart-cached-route.js';
import { AnswerFreshness } from './router/answer-freshness.js';
import { TtlAnswerFreshness } from './router/ttl-answer-freshness.js';
import { SmartRouter } from './router/smart-router.js';
import { MetricsRouterStats } from './stats/metrics-router-stats.js';
import { RouterStats } from './stats/router-stats.js';
import { RouterStatus } from './stats/router-status.js';
import { InfrastructureStatus } from './status/infrastructure-status.js';
import { PerformanceStatus } from './status/performance-status.js';
import { ProvidersStatus } from './status/providers-status.js';
import { RecentErrorsStatus } from './status/recent-errors-status.js';
import { ResourceBreakdownStatus } from './status/resource-breakdown-status.js';
import { SecretRedactor } from './status/secret-redactor.js';
import { StatusContribution } from './status/status-contribution.js';
import { SystemStatus } from './status/system-status.js';
import { SystemStatusCollector } from './status/system-status-collector.js';

/** What whoever creates the app (a test) may hand core instead of its defaults; a plugin rebinds instead (see createCoreModule). */
export interface CoreModuleOptions {
  clock?: Clock;
  cacheStore?: CacheStore;
}

/**
 * Core services every plugin may inject: the provider registry (collector of the
 * ProviderContribution extension point) and the smart router with its cache, rate-limit guard,
 * resilience policies, health and stats; the metrics registry; and the HTTP and WebSocket
 * collectors of the route extension points, which run before any plugin's.
 *
 * What replicas of the gateway must share is bound to a token with an in-process default:
 * CacheStore, RateLimitGuard, CallCoalescer, ProviderHealth, ReferencePrices and RouterStats. A
 * plugin (a Redis one) replaces any of them with `rebind(Token).to(Impl).inSingletonScope()` in its
 * ContainerModule: plugins load after core, and nothing resolves these singletons before then.
 */
export function createCoreModule(config: AppConfig, options: CoreModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ProviderRegistry).toSelf().inSingletonScope();
    // Built with the other contributions when the app starts, before any phase: a provider config
    // error stops the boot there, as a ConfigError; `initialize` then reports disabled providers.
    bind<LifecycleContribution>(LifecycleContribution).toService(ProviderRegistry);
    // Learns each provider's markets at start (after the registry reported disabled providers) and refreshes them.
    bind<MarketsConfig>(MarketsConfig).toConstantValue(config.markets);
    bind(MarketListStore).toSelf().inSingletonScope();
    bind(MarketListingCaller).toSelf().inSingletonScope();
    bind<MarketCatalogue>(MarketCatalogue).to(ListingMarketCatalogue).inSingletonScope();
    bind<LifecycleContribution>(LifecycleContribution).toService(MarketCatalogue);
    bind<RouterConfig>(RouterConfig).toConstantValue(config.router);
    bind<CacheConfig>(CacheConfig).toConstantValue(config.cache);
    bind<Clock>(Clock).toConstantValue(options.clock ?? new SystemClock());
    if (options.cacheStore === undefined) bind<CacheStore>(CacheStore).to(NodeCacheStore).inSingletonScope();
    else bind<CacheStore>(CacheStore).toConstantValue(options.cacheStore);
    bind(ResponseCache).toSelf().inSingletonScope();
    bind(RouterMetrics).toSelf().inSingletonScope();
    bind<RouterStats>(RouterStats).to(MetricsRouterStats).inSingletonScope();
    bind<RateLimitGuard>(RateLimitGuard).to(InMemoryRateLimitGuard).inSingletonScope();
    bind<CallCoalescer>(CallCoalescer).to(InMemoryCallCoalescer).inSingletonScope();
    bind<ProviderHealth>(ProviderHealth).to(InMemoryProviderHealth).inSingletonScope();
    bind<ReferencePrices>(ReferencePrices).to(InMemoryReferencePrices).inSingletonScope();
    bind(ProviderPolicyFactory).toSelf().inSingletonScope();
    bind(ProviderCaller).toSelf().inSingletonScope();
    bind(CachedAnswerValidity).toSelf().inSingletonScope();
    bind(PanicRouting).toSelf().inSingletonScope();
    bind(RouterStatus).toSelf().inSingletonScope();
    bind<MarketRouter>(MarketRouter).to(SmartRouter).inSingletonScope();
    bind(RouterRotations).toSelf().inSingletonScope();
    bind(CacheHitDemand).toSelf().inSingletonScope();
    bind<CachedRoute>(CachedRoute).to(SmartCachedRoute).inSingletonScope();
    bind<AnswerFreshness>(AnswerFreshness).to(TtlAnswerFreshness).inSingletonScope();
    bind<LogConfig>(LogConfig).toConstantValue(config.log);
    bind(RoutingLog).toSelf().inSingletonScope();
    bind<LifecycleContribution>(LifecycleContribution).toService(RoutingLog);
    bind<ReadinessCheck>(ReadinessCheck).to(RouterReadiness).inSingletonScope();
    bind<MetricsRegistry>(MetricsRegistry).toConstantValue(new Registry());
    bind<LifecycleContribution>(LifecycleContribution).to(HttpRoutes).inSingletonScope();
    bind<LifecycleContribution>(LifecycleContribution).to(WebSocketGateway).inSingletonScope();
    bindMetricsAndStatus(bind);
    // Stops last (core's contributions run first, stop in reverse): releases the cache's sweep timer.
    bind<LifecycleContribution>(LifecycleContribution).toDynamicValue((context) => ({ onStop: () => context.get<CacheStore>(CacheStore).close() }));
  });
}

/**
 * The metrics core records (HTTP, the providers' live state; the router's are RouterMetrics) and
 * the status sections core owns, each read from those metrics, with the SystemStatus that
 * assembles every section.
 */
function bindMetricsAndStatus(bind: ContainerModuleLoadOptions['bind']): void {
  bind(HttpMetrics).toSelf().inSingletonScope();
  bind<LifecycleContribution>(LifecycleContribution).toService(HttpMetrics);
  bind<LifecycleContribution>(LifecycleContribution).to(ProviderStateMetrics).inSingletonScope();
  bind(SecretRedactor).toSelf().inSingletonScope();
  bind<SystemStatus>(SystemStatus).to(SystemStatusCollector).inSingletonScope();
  bind<StatusContribution>(StatusContribution).to(ProvidersStatus).inSingletonScope();
  bind(InfrastructureStatus).toSelf().inSingletonScope();
  bind<StatusContribution>(StatusContribution).toService(InfrastructureStatus);
  bind<LifecycleContribution>(LifecycleContribution).toService(InfrastructureStatus);
  bind<StatusContribution>(StatusContribution).to(ResourceBreakdownStatus).inSingletonScope();
  bind<StatusContribution>(StatusContribution).to(RecentErrorsStatus).inSingletonScope();
  bind(PerformanceStatus).toSelf().inSingletonScope();
  bind<StatusContribution>(StatusContribution).toService(PerformanceStatus);
  bind<LifecycleContribution>(LifecycleContribution).toService(PerformanceStatus);
}
