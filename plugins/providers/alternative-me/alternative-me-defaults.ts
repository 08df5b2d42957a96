import type { ProviderDefaults } from '../../../core/index.js';

/** Alternative.me's Crypto Fear & Greed index: keyless, one value a day. */
export const ALTERNATIVE_ME_DEFAULTS: ProviderDefaults = {
  name: 'Alternative.me',
  baseUrl: 'https://api.alternative.me',
  capabilities: ['fear-greed'],
  // The index takes no symbol.
  symbols: {},
  weight: 10,
  priority: 1,
  // No official limit is documented (a third-party comment says 60/min); the index changes daily, so
  // the baseline one-hour cache keeps us far below any plausible limit.
  rateLimit: { requests: 10, windowMs: 60_000 },
};
