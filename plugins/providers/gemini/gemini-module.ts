import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { GEMINI_BATCHES, GEMINI_CAPABILITIES } from './gemini-capabilities.js';
import { GEMINI_DEFAULTS } from './gemini-defaults.js';
import { GEMINI_LISTING } from './gemini-listing.js';

/** The Gemini provider plugin (price, ticker, ohlcv). */
export const geminiPlugin: Plugin = defineProviderPlugin({ id: 'gemini', defaults: GEMINI_DEFAULTS, capabilities: GEMINI_CAPABILITIES, batches: GEMINI_BATCHES, listMarkets: GEMINI_LISTING });
