import { coinCapPlugin } from './coincap-module.js';

export { COINCAP_DEFAULTS } from './coincap-defaults.js';
export default coinCapPlugin;
