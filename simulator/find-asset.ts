import { MARKET_ASSETS, type MarketAsset } from './market-assets.js';

/** Quotes every simulated exchange lists besides USD; USD stablecoins trade at the USD price here. */
export const STABLE_QUOTES = ['USDT', 'USDC'] as const;

/** The asset with this ticker, case-insensitive (`btc`, `BTC`). */
export function assetBySymbol(symbol: string): MarketAsset | undefined {
  const wanted = symbol.toUpperCase();
  return MARKET_ASSETS.find((asset) => asset.symbol === wanted);
}

/** The asset with this CoinGecko id (`bitcoin`). */
export function assetByCoingeckoId(id: string): MarketAsset | undefined {
  return MARKET_ASSETS.find((asset) => asset.coingeckoId === id);
}

/** The asset with this CoinCap id (`bitcoin`, `xrp`). */
export function assetByCoincapId(id: string): MarketAsset | undefined {
  return MARKET_ASSETS.find((asset) => (asset.coincapId ?? asset.coingeckoId) === id);
}

/** One side of a concatenated pair such as `BTCUSDT` or `btcusd`. */
export interface SplitPair {
  asset: MarketAsset;
  quote: string;
}

/**
 * Splits a concatenated pair (`BTCUSDT`, `btcusd`) into a known asset and one of `quotes`,
 * case-insensitive; undefined when either part is unknown.
 */
export function splitPair(pair: string, quotes: readonly string[]): SplitPair | undefined {
  const upper = pair.toUpperCase();
  for (const quote of quotes) {
    if (!upper.endsWith(quote)) continue;
    const asset = assetBySymbol(upper.slice(0, -quote.length));
    if (asset !== undefined) return { asset, quote };
  }
  return undefined;
}
