import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { KRAKEN_BATCHES, KRAKEN_CAPABILITIES } from './kraken-capabilities.js';
import { KRAKEN_DEFAULTS } from './kraken-defaults.js';
import { KRAKEN_LISTING } from './kraken-listing.js';

/** The Kraken provider plugin (price, ticker, ohlcv). */
export const krakenPlugin: Plugin = defineProviderPlugin({ id: 'kraken', defaults: KRAKEN_DEFAULTS, capabilities: KRAKEN_CAPABILITIES, batches: KRAKEN_BATCHES, listMarkets: KRAKEN_LISTING });
