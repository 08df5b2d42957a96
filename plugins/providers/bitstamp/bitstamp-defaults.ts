import { tickerMap, type ProviderDefaults } from '../../../core/index.js';

/** Bitstamp public REST v2; pairs are lower-case and concatenated (`btcusd`). */
export const BITSTAMP_DEFAULTS: ProviderDefaults = {
  name: 'Bitstamp',
  baseUrl: 'https://www.bitstamp.net/api/v2',
  capabilities: ['price', 'ticker', 'ohlcv'],
  symbols: tickerMap((ticker) => `${ticker.toLowerCase()}usd`),
  weight: 10,
  priority: 4,
  // Sources conflict (8000 requests / 10 min "or IP ban" vs 10,000 / 10 min); half the lower one.
  rateLimit: { requests: 400, windowMs: 60_000 },
};
