import type { DefaultTicker } from '../../../core/index.js';

/** CoinCap's asset slug of each default ticker: mostly CoinGecko's ids, but XRP is `xrp`, AVAX `avalanche`, NEAR `near-protocol`. */
export const COINCAP_IDS: Readonly<Record<DefaultTicker, string>> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  SOL: 'solana',
  XRP: 'xrp',
  ADA: 'cardano',
  DOGE: 'dogecoin',
  DOT: 'polkadot',
  LTC: 'litecoin',
  LINK: 'chainlink',
  AVAX: 'avalanche',
  BCH: 'bitcoin-cash',
  XLM: 'stellar',
  UNI: 'uniswap',
  ATOM: 'cosmos',
  ETC: 'ethereum-classic',
  FIL: 'filecoin',
  AAVE: 'aave',
  ALGO: 'algorand',
  NEAR: 'near-protocol',
  TRX: 'tron',
};
