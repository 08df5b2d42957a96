import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { COINBASE_CAPABILITIES } from './coinbase-capabilities.js';
import { COINBASE_DEFAULTS } from './coinbase-defaults.js';
import { COINBASE_LISTING } from './coinbase-listing.js';

/** The Coinbase (Exchange API) provider plugin (price, ticker, ohlcv). */
export const coinbasePlugin: Plugin = defineProviderPlugin({ id: 'coinbase', defaults: COINBASE_DEFAULTS, capabilities: COINBASE_CAPABILITIES, listMarkets: COINBASE_LISTING });
