import { ContainerModule } from 'inversify';
import { RouteContribution, definePlugin } from '../../../core/index.js';
import { MarketRoutes } from './market-routes.js';

/** The `market-api` plugin: `/api/market/*` over the smart router. */
export const marketApiPlugin = definePlugin({
  name: 'market-api',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind<RouteContribution>(RouteContribution).to(MarketRoutes).inSingletonScope();
    }),
});
