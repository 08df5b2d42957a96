import { marketApiPlugin } from './market-api-module.js';

export { MarketRoutes } from './market-routes.js';
export default marketApiPlugin;
