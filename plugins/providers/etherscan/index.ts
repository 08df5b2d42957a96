import { etherscanPlugin } from './etherscan-module.js';

export { ETHERSCAN_DEFAULTS } from './etherscan-defaults.js';
export default etherscanPlugin;
