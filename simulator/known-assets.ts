/** One asset the upstream simulator serves, with the identifiers the quirkier APIs use for it. */
export interface KnownAsset {
  /** Our ticker. */
  symbol: string;
  /** CoinGecko coin id (also CoinCap's asset id unless `coincapId` says otherwise). */
  coingeckoId: string;
  coincapId?: string;
  /** Kraken's asset code when it differs from ours (BTC is XBT, DOGE is XDG). */
  krakenBase?: string;
  /** Kraken's legacy result key for the USD pair (`XXBTZUSD`), when it is not `<base>USD`. */
  krakenResultKey?: string;
}

import { LONG_TAIL_ASSETS } from './long-tail-assets.js';

/**
 * The simulator's market: the default tickers with the ids its CoinGecko, CoinCap and Kraken
 * answer under. Provider plugins keep their own identifiers and core only the tickers
 * (`DEFAULT_TICKERS`), so the simulator holds its own copy, as a real upstream would. Then the
 * long tail (LONG_TAIL_ASSETS), whose ids follow the common scheme.
 */
export const KNOWN_ASSETS: readonly KnownAsset[] = [
  { symbol: 'BTC', coingeckoId: 'bitcoin', krakenBase: 'XBT', krakenResultKey: 'XXBTZUSD' },
  { symbol: 'ETH', coingeckoId: 'ethereum', krakenResultKey: 'XETHZUSD' },
  { symbol: 'SOL', coingeckoId: 'solana' },
  { symbol: 'XRP', coingeckoId: 'ripple', coincapId: 'xrp', krakenResultKey: 'XXRPZUSD' },
  { symbol: 'ADA', coingeckoId: 'cardano' },
  { symbol: 'DOGE', coingeckoId: 'dogecoin', krakenBase: 'XDG', krakenResultKey: 'XDGUSD' },
  { symbol: 'DOT', coingeckoId: 'polkadot' },
  { symbol: 'LTC', coingeckoId: 'litecoin', krakenResultKey: 'XLTCZUSD' },
  { symbol: 'LINK', coingeckoId: 'chainlink' },
  { symbol: 'AVAX', coingeckoId: 'avalanche-2', coincapId: 'avalanche' },
  { symbol: 'BCH', coingeckoId: 'bitcoin-cash' },
  { symbol: 'XLM', coingeckoId: 'stellar', krakenResultKey: 'XXLMZUSD' },
  { symbol: 'UNI', coingeckoId: 'uniswap' },
  { symbol: 'ATOM', coingeckoId: 'cosmos' },
  { symbol: 'ETC', coingeckoId: 'ethereum-classic', krakenResultKey: 'XETCZUSD' },
  { symbol: 'FIL', coingeckoId: 'filecoin' },
  { symbol: 'AAVE', coingeckoId: 'aave' },
  { symbol: 'ALGO', coingeckoId: 'algorand' },
  { symbol: 'NEAR', coingeckoId: 'near', coincapId: 'near-protocol' },
  { symbol: 'TRX', coingeckoId: 'tron' },
  ...LONG_TAIL_ASSETS.map(([symbol, coingeckoId]) => ({ symbol, coingeckoId })),
];
