import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { BitstampTradingPairsSchema } from './bitstamp-listing-schema.js';

/** Bitstamp's pairs by `url_symbol` (the id its ticker and OHLC paths take); base and quote from `name` (`BTC/USD`); `Enabled` ones trade. */
async function listBitstampMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const response = await upstream.getJson('/trading-pairs-info/');
  if (response.status !== 200) throw upstream.error('unavailable', `trading-pairs-info answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const pairs = upstream.parse('trading-pairs-info answer', BitstampTradingPairsSchema, response.body);
  return listedMarkets(
    pairs.map((pair) => {
      const [base, quote] = pair.name.split('/');
      return base === undefined || quote === undefined ? undefined : listedMarket(base, quote, pair.url_symbol, pair.trading === 'Enabled');
    }),
  );
}

export const BITSTAMP_LISTING: MarketListingFunction = listBitstampMarkets;
