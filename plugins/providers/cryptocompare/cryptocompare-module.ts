import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { CRYPTOCOMPARE_DEFAULTS } from './cryptocompare-defaults.js';
import { CryptoCompareProvider } from './cryptocompare-provider.js';

/** The CryptoCompare provider plugin (price, ticker, ohlcv). */
export const cryptoComparePlugin: Plugin = defineProviderPlugin({
  id: 'cryptocompare',
  defaults: CRYPTOCOMPARE_DEFAULTS,
  create: (context) => new CryptoCompareProvider(context),
});
