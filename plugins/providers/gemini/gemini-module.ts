import type { Plugin } from '../../../core/kernel/plugin.js';
import { defineProviderPlugin } from '../../../core/providers/define-provider-plugin.js';
import { GEMINI_DEFAULTS } from './gemini-defaults.js';
import { GeminiProvider } from './gemini-provider.js';

/** The Gemini provider plugin (price, ticker, ohlcv). */
export const geminiPlugin: Plugin = defineProviderPlugin({
  id: 'gemini',
  defaults: GEMINI_DEFAULTS,
  create: (context) => new GeminiProvider(context),
});
