import { binancePlugin } from './binance-module.js';

export { BINANCE_DEFAULTS } from './binance-defaults.js';
export default binancePlugin;
