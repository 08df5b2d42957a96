import { ContainerModule } from 'inversify';
import { definePlugin, RouteContribution } from '../../../core/index.js';
import { OpenApiContribution } from '../../api/openapi/index.js';
import { DashboardApiDocs } from './dashboard-api-docs.js';
import { DashboardConfig, DashboardConfigSchema } from './dashboard-config.js';
import { DashboardRoutes } from './dashboard-routes.js';

/**
 * The `dashboard` plugin: the page at `GET /` (live price board, candle chart, Fear & Greed gauge
 * and the status drawer, which the `status-drawer` plugin serves) and its elements' bundle.
 */
export const dashboardPlugin = definePlugin({
  name: 'dashboard',
  optionsSchema: DashboardConfigSchema,
  module: ({ options }) =>
    new ContainerModule(({ bind }) => {
      bind<DashboardConfig>(DashboardConfig).toConstantValue(Object.freeze(options));
      bind<RouteContribution>(RouteContribution).to(DashboardRoutes).inSingletonScope();
      bind<OpenApiContribution>(OpenApiContribution).to(DashboardApiDocs).inSingletonScope();
    }),
});
