import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { KrakenAssetPairsSchema } from './kraken-listing-schema.js';

/** Kraken's names that differ from everyone's tickers (BTC is XBT, DOGE is XDG on Kraken). */
const KRAKEN_ASSET_NAMES: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

/**
 * Kraken's pairs from `AssetPairs`, each by its canonical key (`XXBTZUSD`, which `Ticker` and `OHLC`
 * accept and key their answers by), base and quote read from `wsname` (`XBT/USD`). Only `online`
 * pairs trade; a pair without a status (older answers) counts as online.
 */
async function listKrakenMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const response = await upstream.getJson('/AssetPairs');
  if (response.status !== 200) throw upstream.error('unavailable', `AssetPairs answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const { error, result } = upstream.parse('AssetPairs answer', KrakenAssetPairsSchema, response.body);
  if (error.length > 0 || result === undefined) {
    const kind = error.some((message) => /rate limit|too many requests/i.test(message)) ? 'rate_limited' : 'unavailable';
    throw upstream.error(kind, error.join('; ') || 'AssetPairs answered no result');
  }
  return listedMarkets(
    Object.entries(result).map(([key, pair]) => {
      const [base, quote] = (pair.wsname ?? '').split('/');
      if (base === undefined || quote === undefined) return undefined;
      return listedMarket(KRAKEN_ASSET_NAMES[base] ?? base, KRAKEN_ASSET_NAMES[quote] ?? quote, key, (pair.status ?? 'online') === 'online');
    }),
  );
}

export const KRAKEN_LISTING: MarketListingFunction = listKrakenMarkets;
