import type { ProviderDeclaration } from './provider-declaration.js';

/** Policy every provider starts from; a provider plugin declares only what differs. */
export const PROVIDER_BASELINE: Omit<ProviderDeclaration, 'name' | 'baseUrl' | 'capabilities' | 'symbols' | 'weight' | 'priority'> = {
  enabled: true,
  quote: 'USD',
  parameterQuotes: [],
  apiKeyRequired: false,
  rateLimit: { requests: 60, windowMs: 60_000, minIntervalMs: 0 },
  cacheTtlMs: { price: 10_000, ticker: 15_000, ohlcv: 60_000, 'fear-greed': 3_600_000, gas: 15_000 },
  resilience: {
    timeoutMs: 2_000,
    retry: { maxAttempts: 1, initialDelayMs: 100, maxDelayMs: 1_000 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
  },
  on429: { backoffMs: [30_000, 60_000, 120_000], blacklistAfter: 3, blacklistMs: 600_000 },
};
