import type { CacheEntry } from '../cache/response-cache.js';
import type { MarketProvider } from '../providers/market-provider.js';
import type { ConsensusAnswer, ConsensusQuote } from './market-router.js';
import { median } from './median.js';
import { deviates } from './price-deviation.js';
import type { RouterConfig } from './router-config.js';

/** One provider's price answer gathered for a consensus. */
export interface GatheredQuote {
  provider: MarketProvider;
  /** The provider's identifier of the market quoted. */
  market: string;
  entry: CacheEntry<'price'>;
  cached: boolean;
}

/**
 * The median of the gathered quotes; quotes further than `maxDeviationPercent` from it are outliers
 * and the answer is recomputed from the rest. Undefined when no quote is left.
 */
export function buildConsensus(symbol: string, quote: string, gathered: readonly GatheredQuote[], config: RouterConfig): ConsensusAnswer | undefined {
  if (gathered.length === 0) return undefined;
  const quotes: ConsensusQuote[] = gathered.map(({ provider, market, entry, cached }) => ({ providerId: provider.id, source: provider.declaration.name, market, price: entry.data.price, cached }));
  const center = median(quotes.map((quote) => quote.price));
  const isOutlier = (quote: ConsensusQuote): boolean => deviates(quote.price, center, config.maxDeviationPercent);
  const sources = quotes.filter((quote) => !isOutlier(quote));
  const outliers = quotes.filter(isOutlier);
  if (sources.length === 0) return undefined;
  const prices = sources.map((quote) => quote.price);
  const price = median(prices);
  const newest = Math.max(...gathered.filter((quote) => sources.some((source) => source.providerId === quote.provider.id)).map((quote) => quote.entry.data.timestamp));
  return {
    symbol,
    quote,
    price,
    spreadPercent: Math.round(((Math.max(...prices) - Math.min(...prices)) / price) * 100 * 1_000) / 1_000,
    sources,
    outliers,
    timestamp: newest,
  };
}
