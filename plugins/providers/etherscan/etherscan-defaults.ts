import type { ProviderDefaults } from '../../../core/index.js';

/**
 * Etherscan's gas oracle (API V2). V2 refuses keyless calls, so without `ETHERSCAN_API_KEY` the
 * provider is disabled with that reason instead of failing every call.
 */
export const ETHERSCAN_DEFAULTS: ProviderDefaults = {
  name: 'Etherscan',
  baseUrl: 'https://api.etherscan.io',
  capabilities: ['gas'],
  // Gas takes no symbol.
  symbols: {},
  weight: 10,
  priority: 1,
  apiKeyEnv: 'ETHERSCAN_API_KEY',
  apiKeyRequired: true,
  // Free tier: 3 calls/s and 100,000 calls/day per account (docs.etherscan.io/resources/rate-limits).
  rateLimit: { requests: 3, windowMs: 1_000, minIntervalMs: 0 },
  // Its limit is per second, so a short back-off is enough before the ladder escalates.
  on429: { backoffMs: [1_000, 5_000, 30_000] },
};
