import { ContainerModule } from 'inversify';
import { LifecycleContribution, RouteContribution, definePlugin } from '../../../core/index.js';
import { OpenApiContribution } from '../openapi/index.js';
import { MarketApiDocs } from './market-api-docs.js';
import { MarketAnswers } from './market-answers.js';
import { MarketFastLane } from './market-fast-lane.js';
import { MarketRoutes } from './market-routes.js';
import { MarketsRoutes } from './markets-routes.js';

/**
 * The `market-api` plugin: `/api/market/*` over the smart router, `/api/market/markets` from the
 * market catalogue, its OpenAPI operations, and the fast lane answering cached prices and tickers before Koa.
 */
export const marketApiPlugin = definePlugin({
  name: 'market-api',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind(MarketAnswers).toSelf().inSingletonScope();
      bind<RouteContribution>(RouteContribution).to(MarketRoutes).inSingletonScope();
      bind(MarketFastLane).toSelf().inSingletonScope();
      bind<LifecycleContribution>(LifecycleContribution).toService(MarketFastLane);
      bind<RouteContribution>(RouteContribution).to(MarketsRoutes).inSingletonScope();
      bind<OpenApiContribution>(OpenApiContribution).to(MarketApiDocs).inSingletonScope();
    }),
});
