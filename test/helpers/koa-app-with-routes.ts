import type Koa from 'koa';
import { ServerConfigSchema } from '../../core/config/server-config.js';
import { createHttpHost } from '../../core/http/http-host.js';
import type { RouteContribution } from '../../core/http/route-contribution.js';
import { silentLogger } from './test-app.js';

/** The gateway's Koa app (default server config, every core middleware) serving only `routes`. */
export function koaAppWithRoutes(routes: readonly RouteContribution[]): Koa {
  const host = createHttpHost(ServerConfigSchema.parse({}), silentLogger);
  for (const contribution of routes) contribution.registerRoutes(host.router);
  return host.seal();
}
