import type { ProviderDefaults } from '../../../core/index.js';
import { COINGECKO_IDS } from './coingecko-ids.js';

/**
 * CoinGecko's public API, kept as a cached last resort: its keyless limit is shared per IP and it
 * answers bursts with 429s. The protection below is the SPEC's, declared here (not in the router)
 * so config can tune it like any other provider's policy.
 */
export const COINGECKO_DEFAULTS: ProviderDefaults = {
  name: 'CoinGecko',
  baseUrl: 'https://api.coingecko.com/api/v3',
  capabilities: ['price', 'ticker', 'ohlcv'],
  // CoinGecko wants coin ids, not tickers (XRP is `ripple`).
  symbols: { ...COINGECKO_IDS },
  // `vs_currencies` codes of `/simple/supported_vs_currencies` (docs.coingecko.com/v3.0.1/reference/simple-supported-currencies
  // and /docs/fiat-currencies-support): each coin is priced in these too, by CoinGecko itself. USDT is not one.
  parameterQuotes: ['EUR', 'GBP', 'JPY', 'AUD', 'CAD', 'CHF', 'CNY', 'KRW', 'INR', 'BRL', 'BTC', 'ETH'],
  weight: 5,
  priority: 9,
  // Optional Demo key (sent as `x-cg-demo-api-key`); keyless works.
  apiKeyEnv: 'COINGECKO_DEMO_API_KEY',
  // At most one call per 10 s.
  rateLimit: { requests: 6, windowMs: 60_000, minIntervalMs: 10_000 },
  // 5-minute mandatory cache; OHLC is cached 15 min upstream, so asking sooner gains nothing.
  cacheTtlMs: { price: 300_000, ticker: 300_000, ohlcv: 900_000 },
  // A retry could never go out anyway: the 10 s spacing outlasts any request deadline.
  resilience: { retry: { maxAttempts: 0 } },
  on429: { backoffMs: [120_000, 240_000, 600_000], blacklistAfter: 3, blacklistMs: 3_600_000 },
};
