import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { KRAKEN_DEFAULTS } from './kraken-defaults.js';
import { KrakenProvider } from './kraken-provider.js';

/** The Kraken provider plugin (price, ticker, ohlcv). */
export const krakenPlugin: Plugin = defineProviderPlugin({
  id: 'kraken',
  defaults: KRAKEN_DEFAULTS,
  create: (context) => new KrakenProvider(context),
});
