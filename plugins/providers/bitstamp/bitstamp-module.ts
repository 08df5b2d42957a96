import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { BITSTAMP_BATCHES, BITSTAMP_CAPABILITIES } from './bitstamp-capabilities.js';
import { BITSTAMP_DEFAULTS } from './bitstamp-defaults.js';
import { BITSTAMP_LISTING } from './bitstamp-listing.js';

/** The Bitstamp provider plugin (price, ticker, ohlcv). */
export const bitstampPlugin: Plugin = defineProviderPlugin({ id: 'bitstamp', defaults: BITSTAMP_DEFAULTS, capabilities: BITSTAMP_CAPABILITIES, batches: BITSTAMP_BATCHES, listMarkets: BITSTAMP_LISTING });
