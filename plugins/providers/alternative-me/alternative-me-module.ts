import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { ALTERNATIVE_ME_CAPABILITIES } from './alternative-me-capabilities.js';
import { ALTERNATIVE_ME_DEFAULTS } from './alternative-me-defaults.js';

/** The Alternative.me provider plugin (fear-greed). */
export const alternativeMePlugin: Plugin = defineProviderPlugin({ id: 'alternative-me', defaults: ALTERNATIVE_ME_DEFAULTS, capabilities: ALTERNATIVE_ME_CAPABILITIES });
