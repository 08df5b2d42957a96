import { type Plugin, defineProviderPlugin } from '../../../core/index.js';
import { ETHERSCAN_CAPABILITIES } from './etherscan-capabilities.js';
import { ETHERSCAN_DEFAULTS } from './etherscan-defaults.js';

/** The Etherscan provider plugin (gas); disabled with its reason when ETHERSCAN_API_KEY is not set. */
export const etherscanPlugin: Plugin = defineProviderPlugin({ id: 'etherscan', defaults: ETHERSCAN_DEFAULTS, capabilities: ETHERSCAN_CAPABILITIES });
