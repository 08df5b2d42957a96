import { tickerMap, type ProviderDefaults } from '../../../core/index.js';

/**
 * Binance spot, read from the market-data-only host `data-api.binance.vision` (same `/api/v3` paths
 * as api.binance.com, no key). Binance has no USD spot market; its built-in symbols are USDT pairs.
 */
export const BINANCE_DEFAULTS: ProviderDefaults = {
  name: 'Binance',
  baseUrl: 'https://data-api.binance.vision',
  capabilities: ['price', 'ticker', 'ohlcv'],
  symbols: tickerMap((ticker) => `${ticker}USDT`),
  // Binance has no USD spot market: its built-in universe is USDT pairs, served for USD requests
  // only as `markets.usdFrom` allows, and marked so.
  quote: 'USDT',
  weight: 30,
  priority: 1,
  // REQUEST_WEIGHT is 6000 per minute per IP and each of our calls weighs 2, so 3000 calls would be
  // the ceiling; 1200 keeps well clear of it because the budget is shared by everything on the IP.
  rateLimit: { requests: 1200, windowMs: 60_000 },
  // Binance turns repeated 429s into a 418 IP ban (2 min to 3 days): stop at the second one and stay
  // away for hours rather than risk the ban.
  on429: { backoffMs: [120_000, 300_000], blacklistAfter: 2, blacklistMs: 3 * 3_600_000 },
};
