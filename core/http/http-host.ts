import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import helmet from 'koa-helmet';
import type { ServerConfig } from '../config/server-config.js';
import { BadRequestError, NotFoundError, PayloadTooLargeError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { errorMiddleware } from './error-middleware.js';
import { requestLogMiddleware } from './request-log-middleware.js';
import { WebSocketRoutes } from './web-socket-routes.js';

/** What `configure` gets: the Koa app (middleware), its router (routes) and the WebSocket route table. */
export interface HttpHost {
  readonly app: Koa;
  readonly router: Router;
  readonly webSockets: WebSocketRoutes;
}

/** An HttpHost being configured; `seal` mounts the routes once every contribution has added its own. */
export interface ConfigurableHttpHost extends HttpHost {
  seal(): Koa;
}

/**
 * The Koa application before any plugin adds to it: request ids and logs, JSON errors, security
 * headers, CORS allowlist, JSON bodies within the size limit. Contributions add middleware and
 * routes; `seal` then mounts the router, with 404 for anything no route answers.
 */
export function createHttpHost(server: ServerConfig, logger: Logger): ConfigurableHttpHost {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  const webSockets = new WebSocketRoutes();

  app.use(requestLogMiddleware(logger));
  app.use(errorMiddleware(logger));
  app.use(
    helmet({
      // Served over plain HTTP on a LAN or behind a TLS terminator: HSTS and upgrades are the terminator's job.
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use(cors({ origin: corsOrigin(server.corsOrigins), allowMethods: ['GET', 'POST', 'OPTIONS'], exposeHeaders: ['X-Request-Id', 'Retry-After'] }));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: server.maxBodyBytes,
      encoding: 'utf-8',
      onError: (error) => {
        if ((error as { status?: number }).status === 413) throw new PayloadTooLargeError(server.maxBodyBytes);
        throw new BadRequestError(`Request body is not valid JSON: ${error.message}`);
      },
    }),
  );

  return {
    app,
    router,
    webSockets,
    seal: () => {
      app.use(async (ctx, next) => {
        await next();
        if (ctx.status === 404 && ctx.body == null) throw new NotFoundError(`No route for ${ctx.method} ${ctx.path}`);
      });
      app.use(router.routes());
      app.use(router.allowedMethods({ throw: true }));
      return app;
    },
  };
}

/** Echoes the request's origin only when it is on the allowlist (`*` allows any). */
function corsOrigin(allowed: readonly string[]): (ctx: Koa.Context) => string {
  const any = allowed.includes('*');
  return (ctx) => {
    const origin = ctx.get('Origin');
    return any || allowed.includes(origin) ? origin : '';
  };
}
