import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';

/** Where a provider's markets come from now. */
export type MarketSource = 'discovered' | 'last-known' | 'built-in';

/** The market a provider answers a request for `base` in `requestedQuote` from. */
export interface ResolvedMarket {
  base: string;
  /** The market's own quote: `USDT` when a USD request is answered from a USDT market (see `markets.usdFrom`). */
  quote: string;
  /** The provider's identifier of the market. */
  id: string;
  requestedQuote: string;
}

/** A provider serving a market: its id, display name and its own identifier of the market. */
export interface MarketServer {
  providerId: string;
  name: string;
  id: string;
}

/** One provider's markets as the status shows them. */
export interface ProviderMarketsStatus {
  source: MarketSource;
  /** Trading markets served (config entries included). */
  markets: number;
  /** Markets the last listing had halted (not served). */
  halted: number;
  /** When the list in use was fetched (ms since epoch), null for the built-in universe. */
  listedAt: number | null;
  /** Why the last listing failed, null when it worked (or was never tried). */
  lastError: string | null;
}

/**
 * Every market each provider serves, by `BASE/QUOTE`, learnt from the providers' listings (or their
 * built-in universe): what the router resolves a request's market with, and what
 * `/api/market/markets` shows. Its lifecycle hooks fetch and refresh the listings.
 */
export interface MarketCatalogue extends LifecycleContribution {
  /**
   * The market `providerId` serves `base` in `quote` from: that market, or for a USD request
   * without a USD market the first of `markets.usdFrom` it lists. Undefined when it has none.
   */
  resolve(providerId: string, base: string, quote: string): ResolvedMarket | undefined;
  /** Changes whenever a provider's listing is replaced, so what `resolve` answers may differ (callers that keep resolved markets check it). */
  readonly generation: number;
  /** The markets of `base` enabled providers serve, by quote (sorted), with the providers and their market ids. */
  quotesOf(base: string): Map<string, MarketServer[]>;
  /** Every base some enabled provider serves, sorted. */
  bases(): string[];
  /** Where a provider's markets come from and how many; undefined for an unknown provider. */
  status(providerId: string): ProviderMarketsStatus | undefined;
  /** Fetches every listing again. */
  refreshAll(): Promise<void>;
}

/** Injection token for the MarketCatalogue. */
export const MarketCatalogue = Symbol.for('crypto-datasource.MarketCatalogue');
