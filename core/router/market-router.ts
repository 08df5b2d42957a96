import type { ResolvedMarket } from '../markets/market-catalogue.js';
import type { BatchCapability, Capability, CapabilityQuery, CapabilityResult } from '../providers/capability.js';

/** An answer the router is willing to serve, with where it came from. */
export interface RoutedAnswer<C extends Capability> {
  data: CapabilityResult<C>;
  /** Provider id, e.g. `binance`. */
  providerId: string;
  /** Provider display name, e.g. `Binance` (the `source` field clients see). */
  source: string;
  /** True when served from cache rather than a fresh upstream call. */
  cached: boolean;
  /** True when every provider failed and this is the freshest cached answer within the maximum staleness. */
  stale: boolean;
  /** When the upstream answer was fetched (ms since epoch). */
  fetchedAt: number;
  /** The provider's market the answer is from (per-symbol capabilities): its id and real quote. */
  market?: ResolvedMarket;
}

/** One symbol of `routeMany`: its answer, or the domain error (unknown symbol, nothing available) it alone ended with. */
export type BatchRoutedAnswer<C extends Capability> = { symbol: string; answer: RoutedAnswer<C> } | { symbol: string; error: Error };

/** One provider's quote in a consensus answer. */
export interface ConsensusQuote {
  providerId: string;
  source: string;
  /** The provider's identifier of the market quoted. */
  market: string;
  price: number;
  cached: boolean;
}

/** `mode=consensus`: the median of several healthy providers' fresh quotes. */
export interface ConsensusAnswer {
  symbol: string;
  /** Every source quotes this very quote: a consensus never mixes markets. */
  quote: string;
  /** Median of the accepted quotes. */
  price: number;
  /** (max - min) / median of the accepted quotes, in percent. */
  spreadPercent: number;
  sources: ConsensusQuote[];
  /** Quotes rejected as too far from the median. */
  outliers: ConsensusQuote[];
  /** Unix seconds. */
  timestamp: number;
}

/** Per-request routing options. */
export interface RouteOptions {
  /** Overall budget for this request, all attempts included (defaults from `router.deadlineMs`). */
  deadlineMs?: number;
}

/**
 * The smart multi-source router: picks a provider per request by weighted rotation scaled by
 * health, fails over by priority within a deadline, guards rate limits, caches and validates.
 * Throws NotFoundError (`unknown_symbol`) when no provider knows the symbol and
 * ServiceUnavailableError (with Retry-After) when nothing can answer.
 */
export interface MarketRouter {
  route<C extends Capability>(capability: C, query: CapabilityQuery<C>, options?: RouteOptions): Promise<RoutedAnswer<C>>;
  /**
   * `route` for many symbols at once, with the same checks, cross-check, failover and stale
   * fallback per symbol, but asking each provider for all its symbols together: through its batch
   * endpoint when it declares one, so a cold request costs about one upstream call per provider
   * used. Answers come in the order of `symbols`, each in `quote` (USD by default).
   */
  routeMany<C extends BatchCapability>(capability: C, symbols: readonly string[], options?: RouteOptions, quote?: string): Promise<BatchRoutedAnswer<C>[]>;
  /** The median of several providers' prices of `symbol` in `quote` (USD by default), from markets in exactly that quote. */
  consensus(symbol: string, options?: RouteOptions, quote?: string): Promise<ConsensusAnswer>;
  /** True when at least one enabled provider serves `capability` for `symbol` in `quote` (USD by default, `markets.usdFrom` allowed). */
  knowsSymbol(capability: Capability, symbol: string, quote?: string): boolean;
}

/** Injection token for the MarketRouter. */
export const MarketRouter = Symbol.for('crypto-datasource.MarketRouter');
