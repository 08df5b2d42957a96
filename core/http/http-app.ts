import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import helmet from 'koa-helmet';
import type { ServerConfig } from '../config/server-config.js';
import { BadRequestError, NotFoundError, PayloadTooLargeError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { errorMiddleware } from './error-middleware.js';
import { registerHealthRoutes } from './health-routes.js';
import type { ReadinessCheck } from './readiness-check.js';
import { requestLogMiddleware } from './request-log-middleware.js';
import type { RouteContribution } from './route-contribution.js';

/** What the Koa application is assembled from. */
export interface HttpAppDependencies {
  server: ServerConfig;
  logger: Logger;
  routes: readonly RouteContribution[];
  readinessChecks: readonly ReadinessCheck[];
}

/**
 * The Koa application: request ids and logs, JSON errors, security headers, CORS allowlist, JSON
 * bodies within the size limit, health routes, then every plugin's routes; anything else is 404.
 */
export function createHttpApp(deps: HttpAppDependencies): Koa {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  registerHealthRoutes(router, deps.readinessChecks);
  for (const contribution of deps.routes) contribution.registerRoutes(router);

  app.use(requestLogMiddleware(deps.logger));
  app.use(errorMiddleware(deps.logger));
  app.use(
    helmet({
      // Served over plain HTTP on a LAN or behind a TLS terminator: HSTS and upgrades are the terminator's job.
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use(cors({ origin: corsOrigin(deps.server.corsOrigins), allowMethods: ['GET', 'POST', 'OPTIONS'], exposeHeaders: ['X-Request-Id', 'Retry-After'] }));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: deps.server.maxBodyBytes,
      encoding: 'utf-8',
      onError: (error) => {
        if ((error as { status?: number }).status === 413) throw new PayloadTooLargeError(deps.server.maxBodyBytes);
        throw new BadRequestError(`Request body is not valid JSON: ${error.message}`);
      },
    }),
  );
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body == null) throw new NotFoundError(`No route for ${ctx.method} ${ctx.path}`);
  });
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}

/** Echoes the request's origin only when it is on the allowlist (`*` allows any). */
function corsOrigin(allowed: readonly string[]): (ctx: Koa.Context) => string {
  const any = allowed.includes('*');
  return (ctx) => {
    const origin = ctx.get('Origin');
    return any || allowed.includes(origin) ? origin : '';
  };
}
