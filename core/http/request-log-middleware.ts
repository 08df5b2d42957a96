import type { Middleware } from 'koa';
import type { Logger } from '../logging/logger.js';
import { requestIdFrom } from './request-id.js';

/**
 * Gives every request an id (a sane incoming `X-Request-Id` is kept), echoes it in the response
 * and writes one structured log line per request with status, error code (if any) and duration.
 */
export function requestLogMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    const requestId = requestIdFrom(ctx.get('X-Request-Id'));
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { requestId, method: ctx.method, path: ctx.path, status: ctx.status, ...(ctx.state.errorCode === undefined ? {} : { code: ctx.state.errorCode }), durationMs: Math.round(durationMs * 100) / 100 },
        'request',
      );
    }
  };
}
