import type { DefaultTicker } from '../../../core/index.js';

/** CoinGecko's coin id of each default ticker (`/coins/list`; XRP is `ripple`, AVAX `avalanche-2`). */
export const COINGECKO_IDS: Readonly<Record<DefaultTicker, string>> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  SOL: 'solana',
  XRP: 'ripple',
  ADA: 'cardano',
  DOGE: 'dogecoin',
  DOT: 'polkadot',
  LTC: 'litecoin',
  LINK: 'chainlink',
  AVAX: 'avalanche-2',
  BCH: 'bitcoin-cash',
  XLM: 'stellar',
  UNI: 'uniswap',
  ATOM: 'cosmos',
  ETC: 'ethereum-classic',
  FIL: 'filecoin',
  AAVE: 'aave',
  ALGO: 'algorand',
  NEAR: 'near',
  TRX: 'tron',
};
