import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { COINCAP_CAPABILITIES } from './coincap-capabilities.js';
import { COINCAP_DEFAULTS } from './coincap-defaults.js';
import { COINCAP_LISTING } from './coincap-listing.js';

/** The CoinCap provider plugin (price, ticker); disabled with its reason when COINCAP_API_KEY is not set. */
export const coinCapPlugin: Plugin = defineProviderPlugin({ id: 'coincap', defaults: COINCAP_DEFAULTS, capabilities: COINCAP_CAPABILITIES, listMarkets: COINCAP_LISTING });
