import { ContainerModule } from 'inversify';
import { RouteContribution, definePlugin } from '../../../core/index.js';
import { OpenApiContribution } from '../openapi/index.js';
import { MarketApiDocs } from './market-api-docs.js';
import { MarketRoutes } from './market-routes.js';
import { MarketsRoutes } from './markets-routes.js';

/** The `market-api` plugin: `/api/market/*` over the smart router, `/api/market/markets` from the market catalogue, and its OpenAPI operations. */
export const marketApiPlugin = definePlugin({
  name: 'market-api',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind<RouteContribution>(RouteContribution).to(MarketRoutes).inSingletonScope();
      bind<RouteContribution>(RouteContribution).to(MarketsRoutes).inSingletonScope();
      bind<OpenApiContribution>(OpenApiContribution).to(MarketApiDocs).inSingletonScope();
    }),
});
