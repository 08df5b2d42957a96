import { ContainerModule } from 'inversify';
import { RouteContribution, definePlugin } from '../../../core/index.js';
import { OpenApiRoutes } from './openapi-routes.js';

/** The `openapi` plugin: `GET /api/openapi.json`, from the OpenApiContribution each API plugin binds. */
export const openApiPlugin = definePlugin({
  name: 'openapi',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind<RouteContribution>(RouteContribution).to(OpenApiRoutes).inSingletonScope();
    }),
});
