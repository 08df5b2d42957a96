import { tickerMap, type ProviderDefaults } from '../../../core/index.js';

/** Gemini public REST; symbols are lower-case and concatenated (`btcusd`). */
export const GEMINI_DEFAULTS: ProviderDefaults = {
  name: 'Gemini',
  baseUrl: 'https://api.gemini.com',
  capabilities: ['price', 'ticker', 'ohlcv'],
  symbols: tickerMap((ticker) => `${ticker.toLowerCase()}usd`),
  weight: 10,
  priority: 5,
  // Public endpoints allow 120 requests/min and Gemini recommends at most 1/s; a ticker costs two calls.
  rateLimit: { requests: 60, windowMs: 60_000 },
};
