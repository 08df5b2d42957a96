import { cryptoComparePlugin } from './cryptocompare-module.js';

export { CRYPTOCOMPARE_DEFAULTS } from './cryptocompare-defaults.js';
export default cryptoComparePlugin;
