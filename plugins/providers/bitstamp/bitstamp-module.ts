import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { BITSTAMP_CAPABILITIES } from './bitstamp-capabilities.js';
import { BITSTAMP_DEFAULTS } from './bitstamp-defaults.js';

/** The Bitstamp provider plugin (price, ticker, ohlcv). */
export const bitstampPlugin: Plugin = defineProviderPlugin({ id: 'bitstamp', defaults: BITSTAMP_DEFAULTS, capabilities: BITSTAMP_CAPABILITIES });
