import { tickerMap, type ProviderDefaults } from '../../../core/index.js';

/**
 * CryptoCompare (min-api, now CoinDesk Data): its CCCAGG aggregate index, keyed by our own tickers.
 * Only what differs from the provider baseline is declared.
 */
export const CRYPTOCOMPARE_DEFAULTS: ProviderDefaults = {
  name: 'CryptoCompare',
  baseUrl: 'https://min-api.cryptocompare.com',
  capabilities: ['price', 'ticker', 'ohlcv'],
  symbols: tickerMap((ticker) => ticker),
  // `tsyms` codes CCCAGG trades majors in; asked with `tryConversion=false`, a pair it does not trade is unknown there, never converted.
  parameterQuotes: ['EUR', 'GBP', 'JPY', 'USDT', 'USDC', 'BTC', 'ETH'],
  weight: 5,
  priority: 6,
  // Optional: anonymous calls work, a key only raises the limits.
  apiKeyEnv: 'CRYPTOCOMPARE_API_KEY',
  // Anonymous limits recorded in 2021 were 20/s, 300/min, 3000/h, 7500/day; 50/min stays inside the hourly one.
  rateLimit: { requests: 50, windowMs: 60_000 },
};
