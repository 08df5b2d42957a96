import { ContainerModule } from 'inversify';
import { RouteContribution } from '../../../core/http/route-contribution.js';
import { definePlugin } from '../../../core/kernel/plugin.js';
import { OpenApiRoutes } from './openapi-routes.js';

/** The `openapi` plugin: `GET /api/openapi.json`, from the OpenApiContribution each API plugin binds. */
export const openApiPlugin = definePlugin({
  name: 'openapi',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind<RouteContribution>(RouteContribution).to(OpenApiRoutes).inSingletonScope();
    }),
});
