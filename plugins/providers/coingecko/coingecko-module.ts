import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { COINGECKO_BATCHES, COINGECKO_CAPABILITIES } from './coingecko-capabilities.js';
import { COINGECKO_DEFAULTS } from './coingecko-defaults.js';
import { COINGECKO_LISTING } from './coingecko-listing.js';

/** The CoinGecko provider plugin (price, ticker, ohlcv), the cached last resort. */
export const coinGeckoPlugin: Plugin = defineProviderPlugin({ id: 'coingecko', defaults: COINGECKO_DEFAULTS, capabilities: COINGECKO_CAPABILITIES, batches: COINGECKO_BATCHES, listMarkets: COINGECKO_LISTING });
