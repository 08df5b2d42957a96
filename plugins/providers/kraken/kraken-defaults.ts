import type { ProviderDefaults } from '../../../core/index.js';
import { KRAKEN_PAIRS } from './kraken-pairs.js';

/**
 * Kraken spot public REST. Symbols are Kraken's canonical pair names (`XXBTZUSD`, `SOLUSD`): the
 * query accepts them and the answer is keyed by them. BTC is `XBT` and DOGE is `XDG` on Kraken.
 */
export const KRAKEN_DEFAULTS: ProviderDefaults = {
  name: 'Kraken',
  baseUrl: 'https://api.kraken.com/0/public',
  capabilities: ['price', 'ticker', 'ohlcv'],
  symbols: { ...KRAKEN_PAIRS },
  weight: 20,
  priority: 3,
  // Kraken's support article: "1 per second (or less) would remain within the rate limits".
  rateLimit: { requests: 60, windowMs: 60_000, minIntervalMs: 1_000 },
};
