import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { BINANCE_BATCHES, BINANCE_CAPABILITIES } from './binance-capabilities.js';
import { BINANCE_DEFAULTS } from './binance-defaults.js';
import { BINANCE_LISTING } from './binance-listing.js';

/** The Binance provider plugin (price, ticker, ohlcv). */
export const binancePlugin: Plugin = defineProviderPlugin({ id: 'binance', defaults: BINANCE_DEFAULTS, capabilities: BINANCE_CAPABILITIES, batches: BINANCE_BATCHES, listMarkets: BINANCE_LISTING });
