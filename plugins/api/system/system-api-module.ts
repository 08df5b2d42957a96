import { ContainerModule } from 'inversify';
import { RouteContribution, LifecycleContribution, definePlugin } from '../../../core/index.js';
import { OpenApiContribution } from '../openapi/index.js';
import { ProcessMetrics } from './process-metrics.js';
import { SystemApiDocs } from './system-api-docs.js';
import { SystemRoutes } from './system-routes.js';

/** The `system-api` plugin: `GET /api/system/status` (the SystemStatus core assembles), `GET /metrics` with the process metrics. */
export const systemApiPlugin = definePlugin({
  name: 'system-api',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind<RouteContribution>(RouteContribution).to(SystemRoutes).inSingletonScope();
      bind<OpenApiContribution>(OpenApiContribution).to(SystemApiDocs).inSingletonScope();
      bind<LifecycleContribution>(LifecycleContribution).to(ProcessMetrics).inSingletonScope();
    }),
});
