import { alternativeMePlugin } from './alternative-me-module.js';

export { ALTERNATIVE_ME_DEFAULTS } from './alternative-me-defaults.js';
export default alternativeMePlugin;
