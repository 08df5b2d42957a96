import { tickerMap, type ProviderDefaults } from '../../../core/index.js';

/**
 * Coinbase Exchange public REST (`api.exchange.coinbase.com`, no key). All three capabilities come
 * from this one host so one `baseUrl` serves them; the Coinbase App v2 spot price lives on another
 * host (`api.coinbase.com/v2`) and is not used.
 */
export const COINBASE_DEFAULTS: ProviderDefaults = {
  name: 'Coinbase',
  baseUrl: 'https://api.exchange.coinbase.com',
  capabilities: ['price', 'ticker', 'ohlcv'],
  symbols: tickerMap((ticker) => `${ticker}-USD`),
  weight: 20,
  priority: 2,
  // Public endpoints allow 10 requests/s per IP (bursts of 15); half of it leaves room for retries.
  rateLimit: { requests: 5, windowMs: 1_000 },
};
