import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { BINANCE_DEFAULTS } from './binance-defaults.js';
import { BinanceProvider } from './binance-provider.js';

/** The Binance provider plugin (price, ticker, ohlcv). */
export const binancePlugin: Plugin = defineProviderPlugin({
  id: 'binance',
  defaults: BINANCE_DEFAULTS,
  create: (context) => new BinanceProvider(context),
});
