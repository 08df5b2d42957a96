import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { COINBASE_DEFAULTS } from './coinbase-defaults.js';
import { CoinbaseProvider } from './coinbase-provider.js';

/** The Coinbase (Exchange API) provider plugin (price, ticker, ohlcv). */
export const coinbasePlugin: Plugin = defineProviderPlugin({
  id: 'coinbase',
  defaults: COINBASE_DEFAULTS,
  create: (context) => new CoinbaseProvider(context),
});
