import { coinGeckoPlugin } from './coingecko-module.js';

export { COINGECKO_DEFAULTS } from './coingecko-defaults.js';
export default coinGeckoPlugin;
