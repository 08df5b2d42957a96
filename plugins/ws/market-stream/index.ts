import { marketStreamPlugin } from './market-stream-module.js';

export { PollerLease } from './poller-lease.js';
export { PriceFanout } from './price-fanout.js';
export type { PriceUpdate } from './price-update.js';
export { MarketStreamConfigSchema, type MarketStreamConfig } from './market-stream-config.js';
export default marketStreamPlugin;
