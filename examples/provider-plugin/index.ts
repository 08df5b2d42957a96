import { defineProviderPlugin } from 'crypto-datasource';
import { EXAMPLE_EXCHANGE_CAPABILITIES } from './example-exchange-capabilities.js';
import { EXAMPLE_EXCHANGE_DEFAULTS } from './example-exchange-defaults.js';

/** The plugin: its declaration and its capability functions, under the provider id `example-exchange`. */
export default defineProviderPlugin({ id: 'example-exchange', defaults: EXAMPLE_EXCHANGE_DEFAULTS, capabilities: EXAMPLE_EXCHANGE_CAPABILITIES });
