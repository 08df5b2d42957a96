import { krakenPlugin } from './kraken-module.js';

export { KRAKEN_DEFAULTS } from './kraken-defaults.js';
export default krakenPlugin;
