import { bitstampPlugin } from './bitstamp-module.js';

export { BITSTAMP_DEFAULTS } from './bitstamp-defaults.js';
export default bitstampPlugin;
