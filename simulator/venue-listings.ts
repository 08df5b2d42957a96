import { assetBySymbol } from './find-asset.js';
import { MARKET_ASSETS, type MarketAsset } from './market-assets.js';
import { CRYPTO_QUOTES } from './venue-market.js';

/** The exchanges whose listings the simulator serves. */
export type ListingVenue = 'binance' | 'coinbase' | 'kraken' | 'bitstamp' | 'gemini';

/** One market an exchange lists. */
export interface VenueListing {
  asset: MarketAsset;
  quote: string;
  trading: boolean;
}

const LETTERS: Readonly<Record<ListingVenue, string>> = { binance: 'b', coinbase: 'c', kraken: 'k', bitstamp: 's', gemini: 'g' };

/**
 * Quotes of the assets that trade everywhere, on each exchange, as they list majors (their built-in
 * symbol maps use the first): Binance has no USD (nor, since 2023, GBP) book but BTC, ETH and EUR
 * ones; Coinbase, Kraken, Bitstamp and Gemini list USD, EUR and GBP, and BTC; Kraken ETH too.
 */
const DEFAULT_QUOTES: Readonly<Record<ListingVenue, readonly string[]>> = {
  binance: ['USDT', 'USDC', 'BTC', 'ETH', 'EUR'],
  coinbase: ['USD', 'USDT', 'EUR', 'GBP', 'BTC'],
  kraken: ['USD', 'USDT', 'EUR', 'GBP', 'BTC', 'ETH'],
  bitstamp: ['USD', 'EUR', 'GBP', 'BTC'],
  gemini: ['USD', 'EUR', 'GBP', 'BTC'],
};

/** Quotes of the other assets: Binance lists them against USDT and BTC, the others against USD. */
const EXTRA_QUOTES: Readonly<Record<ListingVenue, readonly string[]>> = {
  binance: ['USDT', 'BTC'],
  coinbase: ['USD'],
  kraken: ['USD'],
  bitstamp: ['USD'],
  gemini: ['USD'],
};

/** A coin-quoted market needs a price of some satoshis: no venue lists a coin at a fraction of one (SHIB/BTC). */
const MIN_COIN_QUOTED_PRICE = 1e-7;

/** True when `asset` can be quoted in `quote`: not against itself, and not at less than `MIN_COIN_QUOTED_PRICE` of a coin. */
function quotable(asset: MarketAsset, quote: string): boolean {
  if (quote === asset.symbol) return false;
  const coin = CRYPTO_QUOTES.includes(quote) ? assetBySymbol(quote) : undefined;
  return coin === undefined || asset.basePrice / coin.basePrice >= MIN_COIN_QUOTED_PRICE;
}

/**
 * Every market `venue` lists: the default twenty trading in its default quotes, and each extra
 * asset its `venues` letters name (halted where the letter is upper-case). A coin is not listed
 * against itself, nor against a coin it is worth a tiny fraction of.
 */
export function venueListings(venue: ListingVenue): VenueListing[] {
  const letter = LETTERS[venue];
  return MARKET_ASSETS.flatMap((asset) => {
    const listed = asset.venues === undefined ? letter : [...asset.venues].find((candidate) => candidate.toLowerCase() === letter);
    if (listed === undefined) return [];
    const quotes = asset.venues === undefined ? DEFAULT_QUOTES[venue] : EXTRA_QUOTES[venue];
    return quotes.filter((quote) => quotable(asset, quote)).map((quote) => ({ asset, quote, trading: listed === letter }));
  });
}

/** The trading markets of `venue`: what its all-tickers endpoint answers. */
export function tradingListings(venue: ListingVenue): VenueListing[] {
  return venueListings(venue).filter((listing) => listing.trading);
}

/** The assets CoinGecko, CoinCap and CryptoCompare track: all but the exchange-only new listings. */
export function aggregatedAssets(): MarketAsset[] {
  return MARKET_ASSETS.filter((asset) => asset.aggregated !== false);
}
