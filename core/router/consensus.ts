import type { CacheEntry } from '../cache/response-cache.js';
import type { MarketProvider } from '../providers/market-provider.js';
import type { ConsensusAnswer, ConsensusQuote } from './market-router.js';
import { median } from './median.js';
import { PriceCrossCheck } from './price-cross-check.js';
import { deviates } from './price-deviation.js';
import { referenceKeyOf } from './reference-key.js';
import type { ReferencePrices } from './reference-prices.js';
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

/**
 * A consensus resting on one fresh quote follows a routed request's lone-quote rule: trusted when
 * near the reference or near the last good price however old (a jump far from it needs two
 * providers to agree). Any other consensus is trusted as built.
 */
export function loneSourceTrusted(answer: ConsensusAnswer, references: ReferencePrices, config: RouterConfig): boolean {
  const [only] = answer.sources;
  if (answer.sources.length !== 1 || only === undefined || only.cached) return true;
  const check = new PriceCrossCheck<undefined>(references, referenceKeyOf<'price'>({ symbol: answer.symbol }) ?? answer.symbol, config.maxDeviationPercent);
  return check.judge({ providerId: only.providerId, price: only.price, value: undefined }).trusted || check.trustLoneQuote() !== undefined;
}
