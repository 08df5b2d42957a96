import { tickerMap, type ProviderDefaults } from 'crypto-datasource';

/**
 * What Example Exchange is and what it allows: the router reads this declaration, and an operator
 * can override any of it under `providers.example-exchange` in config.
 */
export const EXAMPLE_EXCHANGE_DEFAULTS: ProviderDefaults = {
  name: 'Example Exchange',
  baseUrl: 'https://api.example-exchange.invalid',
  capabilities: ['price', 'ticker'],
  symbols: tickerMap((ticker) => ticker),
  weight: 5,
  priority: 8,
  rateLimit: { requests: 300, windowMs: 60_000 },
  cacheTtlMs: { price: 10_000, ticker: 15_000 },
};
