import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { CRYPTOCOMPARE_BATCHES, CRYPTOCOMPARE_CAPABILITIES } from './cryptocompare-capabilities.js';
import { CRYPTOCOMPARE_DEFAULTS } from './cryptocompare-defaults.js';
import { CRYPTOCOMPARE_LISTING } from './cryptocompare-listing.js';

/** The CryptoCompare provider plugin (price, ticker, ohlcv). */
export const cryptoComparePlugin: Plugin = defineProviderPlugin({ id: 'cryptocompare', defaults: CRYPTOCOMPARE_DEFAULTS, capabilities: CRYPTOCOMPARE_CAPABILITIES, batches: CRYPTOCOMPARE_BATCHES, listMarkets: CRYPTOCOMPARE_LISTING });
