import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { CryptoCompareCoinListSchema } from './cryptocompare-listing-schema.js';
import { CryptoCompareErrorSchema } from './cryptocompare-schema.js';

/**
 * CryptoCompare's coins from `all/coinlist` (its aggregate index prices any of them in USD, the
 * quote its capability functions ask); a coin marked `IsTrading: false` is halted.
 */
async function listCryptoCompareMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const headers = upstream.apiKey === undefined ? undefined : { authorization: `Apikey ${upstream.apiKey}` };
  const response = await upstream.getJson('/data/all/coinlist', { summary: true }, headers);
  const failure = CryptoCompareErrorSchema.safeParse(response.body);
  if (failure.success) {
    const kind = failure.data.Type === 99 || /rate limit/i.test(failure.data.Message) ? 'rate_limited' : 'unavailable';
    throw upstream.error(kind, `coinlist: ${failure.data.Message}`, { upstreamStatus: response.status });
  }
  if (response.status !== 200) throw upstream.error('unavailable', `coinlist answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const { Data: coins } = upstream.parse('coinlist answer', CryptoCompareCoinListSchema, response.body);
  return listedMarkets(Object.values(coins).map((coin) => listedMarket(coin.Symbol, 'USD', coin.Symbol, coin.IsTrading !== false)));
}

export const CRYPTOCOMPARE_LISTING: MarketListingFunction = listCryptoCompareMarkets;
