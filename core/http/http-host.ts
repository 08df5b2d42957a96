import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import { Router } from '@koa/router';
import Koa from 'koa';
import helmet from 'koa-helmet';
import type { ServerConfig } from '../config/server-config.js';
import { BadRequestError, NotFoundError, PayloadTooLargeError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { errorMiddleware } from './error-middleware.js';
import { FastLanes } from './fast-lanes.js';
import { requestLogMiddleware } from './request-log-middleware.js';
import { SECURITY_HEADER_OPTIONS } from './security-headers.js';
import { WebSocketRoutes } from './web-socket-routes.js';

/** What `configure` gets: the Koa app (middleware), its router (routes), the WebSocket route table and the fast lanes tried before Koa. */
export interface HttpHost {
  readonly app: Koa;
  readonly router: Router;
  readonly webSockets: WebSocketRoutes;
  readonly fastLanes: FastLanes;
}

/** An HttpHost being configured; `seal` mounts the routes once every contribution has added its own. */
export interface ConfigurableHttpHost extends HttpHost {
  seal(): Koa;
}

/**
 * The Koa application before any plugin adds to it: request ids and logs, JSON errors, security
 * headers, CORS allowlist, JSON bodies within the size limit. Contributions add middleware,
 * routes and fast lanes; `seal` then mounts the router, with 404 for anything no route answers.
 * Each of the host's own middleware is one the fast lanes stand in for.
 */
export function createHttpHost(server: ServerConfig, logger: Logger): ConfigurableHttpHost {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  const webSockets = new WebSocketRoutes();

  app.use(requestLogMiddleware(logger));
  app.use(errorMiddleware(logger));
  app.use(helmet(SECURITY_HEADER_OPTIONS));
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

  const fastLanes = new FastLanes(logger);
  for (const middleware of app.middleware) fastLanes.covers(middleware);

  return {
    app,
    router,
    webSockets,
    fastLanes,
    seal: () => {
      const before = app.middleware.length;
      app.use(noRouteAnswers);
      app.use(router.routes());
      app.use(router.allowedMethods());
      for (const middleware of app.middleware.slice(before)) fastLanes.covers(middleware);
      return app;
    },
  };
}

/**
 * Turns what no route answered into JSON errors: 404 when nothing is at the path, 405 with `Allow`
 * when something is but not for this method. The router says 501 for a method it has no verb for
 * (TRACE, PROPFIND...), but Node only lets through methods HTTP defines: for the client that is a
 * method this resource does not allow, so a 405 too.
 */
const noRouteAnswers: Koa.Middleware = async (ctx, next) => {
  await next();
  if (ctx.body != null || ![404, 405, 501].includes(ctx.status)) return;
  const allow = ctx.response.get('Allow');
  ctx.remove('Allow');
  if (ctx.status === 404 || allow === '') throw new NotFoundError(`No route for ${ctx.method} ${ctx.path}`);
  ctx.throw(405, `Method ${ctx.method} is not allowed on ${ctx.path}; allowed: ${allow}`, { headers: { Allow: allow } });
};

/** Echoes the request's origin only when it is on the allowlist (`*` allows any). */
function corsOrigin(allowed: readonly string[]): (ctx: Koa.Context) => string {
  const any = allowed.includes('*');
  return (ctx) => {
    const origin = ctx.get('Origin');
    return any || allowed.includes(origin) ? origin : '';
  };
}
