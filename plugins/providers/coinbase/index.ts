import { coinbasePlugin } from './coinbase-module.js';

export { COINBASE_DEFAULTS } from './coinbase-defaults.js';
export default coinbasePlugin;
