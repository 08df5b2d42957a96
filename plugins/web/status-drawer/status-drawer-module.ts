import { ContainerModule } from 'inversify';
import { definePlugin, RouteContribution } from '../../../core/index.js';
import { OpenApiContribution } from '../../api/openapi/index.js';
import { StatusDrawerApiDocs } from './status-drawer-api-docs.js';
import { StatusDrawerRoutes } from './status-drawer-routes.js';

/** The `status-drawer` plugin: serves the `<status-drawer>` web component's bundle and its custom-elements manifest. */
export const statusDrawerPlugin = definePlugin({
  name: 'status-drawer',
  module: () =>
    new ContainerModule(({ bind }) => {
      bind<RouteContribution>(RouteContribution).to(StatusDrawerRoutes).inSingletonScope();
      bind<OpenApiContribution>(OpenApiContribution).to(StatusDrawerApiDocs).inSingletonScope();
    }),
});
