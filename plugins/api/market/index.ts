import { marketApiPlugin } from './market-api-module.js';

export { MarketRoutes } from './market-routes.js';
export { MarketSymbolSchema } from './market-query-schemas.js';
export default marketApiPlugin;
