import type { ProviderDefaults } from '../../../core/index.js';
import { COINCAP_IDS } from './coincap-ids.js';

/**
 * CoinCap API v3. The keyless v2 API was retired on 2025-03-31; v3 needs a key, so without
 * `COINCAP_API_KEY` the provider is disabled with that reason instead of failing every call.
 * Prices are in USD only: `/rates` would let us convert them, but a converted price is ours, not
 * CoinCap's, so no other quote is declared (`parameterQuotes` stays empty).
 */
export const COINCAP_DEFAULTS: ProviderDefaults = {
  name: 'CoinCap',
  baseUrl: 'https://rest.coincap.io/v3',
  capabilities: ['price', 'ticker'],
  // CoinCap wants asset slugs, mostly CoinGecko's ids (XRP is `xrp`, AVAX `avalanche`).
  symbols: { ...COINCAP_IDS },
  weight: 5,
  priority: 7,
  apiKeyEnv: 'COINCAP_API_KEY',
  apiKeyRequired: true,
  // v3 bills credits per call and free keys get a small grant (its limits were not captured; v2
  // allowed 500/min with a key), so stay well below that and cache answers for a minute.
  rateLimit: { requests: 30, windowMs: 60_000 },
  cacheTtlMs: { price: 60_000, ticker: 60_000 },
};
