import { MARKET_ASSETS, type MarketAsset } from './market-assets.js';

/** The exchanges whose listings the simulator serves. */
export type ListingVenue = 'binance' | 'coinbase' | 'kraken' | 'bitstamp' | 'gemini';

/** One market an exchange lists. */
export interface VenueListing {
  asset: MarketAsset;
  quote: string;
  trading: boolean;
}

const LETTERS: Readonly<Record<ListingVenue, string>> = { binance: 'b', coinbase: 'c', kraken: 'k', bitstamp: 's', gemini: 'g' };

/** Quotes of the assets that trade everywhere, on each exchange (their built-in symbol maps use the first). */
const DEFAULT_QUOTES: Readonly<Record<ListingVenue, readonly string[]>> = {
  binance: ['USDT', 'USDC'],
  coinbase: ['USD', 'USDT', 'EUR', 'GBP'],
  kraken: ['USD', 'USDT', 'EUR', 'GBP'],
  bitstamp: ['USD'],
  gemini: ['USD'],
};

/** Quotes of the other assets: Binance has no USD book, the others list USD. */
const EXTRA_QUOTES: Readonly<Record<ListingVenue, readonly string[]>> = {
  binance: ['USDT'],
  coinbase: ['USD'],
  kraken: ['USD'],
  bitstamp: ['USD'],
  gemini: ['USD'],
};

/**
 * Every market `venue` lists: the default twenty trading in its default quotes, and each extra
 * asset its `venues` letters name (halted where the letter is upper-case). A stablecoin is not
 * listed against itself.
 */
export function venueListings(venue: ListingVenue): VenueListing[] {
  const letter = LETTERS[venue];
  return MARKET_ASSETS.flatMap((asset) => {
    const listed = asset.venues === undefined ? letter : [...asset.venues].find((candidate) => candidate.toLowerCase() === letter);
    if (listed === undefined) return [];
    const quotes = asset.venues === undefined ? DEFAULT_QUOTES[venue] : EXTRA_QUOTES[venue];
    return quotes.filter((quote) => quote !== asset.symbol).map((quote) => ({ asset, quote, trading: listed === letter }));
  });
}

/** The assets CoinGecko, CoinCap and CryptoCompare track: all but the exchange-only new listings. */
export function aggregatedAssets(): MarketAsset[] {
  return MARKET_ASSETS.filter((asset) => asset.aggregated !== false);
}
