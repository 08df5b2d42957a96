import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { BITSTAMP_DEFAULTS } from './bitstamp-defaults.js';
import { BitstampProvider } from './bitstamp-provider.js';

/** The Bitstamp provider plugin (price, ticker, ohlcv). */
export const bitstampPlugin: Plugin = defineProviderPlugin({
  id: 'bitstamp',
  defaults: BITSTAMP_DEFAULTS,
  create: (context) => new BitstampProvider(context),
});
