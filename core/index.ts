/**
 * The public surface of core: everything a plugin — built-in or third-party — may use. Plugins
 * import core through this file only (a lint rule enforces it), so what is not exported here can
 * change without breaking a plugin. Published as the package's main entry (`crypto-datasource`).
 */

// The plugin contract and the lifecycle.
export { definePlugin, isPlugin, type Plugin, type PluginContext } from './kernel/plugin.js';
export { LifecycleContribution, type ServerHost } from './kernel/lifecycle-contribution.js';
export type { PluginCatalogue } from './kernel/plugin-catalogue.js';

// Extension points and the services plugins inject.
export { RouteContribution } from './http/route-contribution.js';
export { ReadinessCheck, type ReadinessResult } from './http/readiness-check.js';
export { WebSocketRouteContribution } from './http/web-socket-route-contribution.js';
export { WebSocketRoutes, type WebSocketContext, type WebSocketHandler } from './http/web-socket-routes.js';
export type { HttpHost } from './http/http-host.js';
export type { ErrorBody } from './http/error-middleware.js';
export { StatusContribution } from './status/status-contribution.js';
export { SystemStatus, SPEC_SECTIONS, type SystemStatusSnapshot } from './status/system-status.js';
export { MetricsRegistry } from './metrics/metrics-registry.js';
export { MarketCatalogue, type MarketServer, type ResolvedMarket, type MarketSource, type ProviderMarketsStatus } from './markets/market-catalogue.js';
export { MarketRouter, type RoutedAnswer, type BatchRoutedAnswer, type ConsensusAnswer, type ConsensusQuote, type RouteOptions } from './router/market-router.js';
export { CachedRoute, type CachedCapability } from './router/cached-route.js';
export { AnswerFreshness } from './router/answer-freshness.js';
export type { FastLane, FastLaneRequest, FastAnswer } from './http/fast-lane.js';
export { Logger } from './logging/logger.js';
export { Clock } from './clock/clock.js';
export { Env } from './config/env.js';
export { formatPath } from './config/format-config-issues.js';
export { PROJECT_ROOT, projectPath } from './config/project-root.js';
export { StaticAsset, sendAsset, etagOf, ifNoneMatchHolds, REVALIDATE_CACHE_CONTROL, type AssetContent, type StaticAssetOptions } from './http/static-asset.js';

// The shared services replicas of the gateway may share (a cluster plugin rebinds them), with their in-memory defaults.
export { CacheStore } from './cache/cache-store.js';
export { CacheConfig } from './cache/cache-config.js';
export { NodeCacheStore } from './cache/node-cache-store.js';
export { RateLimitGuard, type ThrottleAction, type ThrottleStatus } from './resilience/rate-limit-guard.js';
export { InMemoryRateLimitGuard } from './resilience/in-memory-rate-limit-guard.js';
export { CallCoalescer } from './router/call-coalescer.js';
export { InMemoryCallCoalescer } from './router/in-memory-call-coalescer.js';

// Providers: the contract, the upstream client and the checks every answer goes through.
export * from './providers/capability.js';
export { ProviderContribution, type CapabilityFunction, type CapabilityFunctions } from './providers/provider-contribution.js';
export type { BatchAnswers, BatchContribution, BatchFunction, BatchFunctions, BatchLimit } from './providers/batch-contribution.js';
export type { UpstreamClient, QueryParams } from './providers/upstream-client.js';
export type { MarketProvider, RateLimitInfo } from './providers/market-provider.js';
export { defineProviderPlugin } from './providers/define-provider-plugin.js';
export type { MarketListingFunction } from './markets/market-listing.js';
export { ListedMarketSchema, CurrencyCodeSchema, listedMarket, listedMarkets, marketKey, type ListedMarket } from './markets/listed-market.js';
export { MarketsConfig } from './markets/markets-config.js';
export type { ProviderDefaults } from './providers/resolve-declaration.js';
export { ProviderDeclarationSchema, ProviderIdSchema, TickerSymbolSchema, type ProviderDeclaration } from './providers/provider-declaration.js';
export { ProviderOverridesSchema, type ProviderOverrides } from './providers/provider-overrides.js';
export { DEFAULT_TICKERS, tickerMap, type DefaultTicker } from './providers/default-tickers.js';
export type { UpstreamResponse } from './providers/http/upstream-response.js';
export { numeric } from './providers/http/numeric.js';
export { isoDate } from './providers/http/iso-date.js';
export { mergeCandles, type CandleMerge } from './providers/http/merge-candles.js';
export { saneCandle, OHLCV_COLUMNS, type CandleField, type CandleValues } from './providers/http/sane-candle.js';
export { assertSanePrice, assertNonNegative, toSaneUnixSeconds, MAX_SANE_PRICE, type SanityContext } from './providers/http/sanity.js';
export { answerEach } from './providers/http/answer-each.js';

// Domain errors: each carries its code and HTTP status.
export * from './errors/index.js';
