import type { Middleware } from 'koa';
import type { Logger } from '../logging/logger.js';
import { requestIdFrom } from './request-id.js';

/**
 * Gives every request an id (a sane incoming `X-Request-Id` is kept), echoes it in the response
 * and writes one structured log line per request with status, error code (if any) and duration.
 */
export function requestLogMiddleware(logger: Logger): Middleware {
  return async function requestLog(ctx, next) {
    const requestId = requestIdFrom(ctx.get('X-Request-Id'));
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      logRequest(logger, requestId, ctx.method, ctx.path, ctx.status, ctx.state.errorCode as string | undefined, Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
}

/** The one `request` line of a request, at info; the fast lanes write theirs with this too. */
export function logRequest(logger: Logger, requestId: string, method: string, path: string, status: number, code: string | undefined, durationMs: number): void {
  if (!logger.isLevelEnabled('info')) return;
  logger.info({ requestId, method, path, status, ...(code === undefined ? {} : { code }), durationMs: Math.round(durationMs * 100) / 100 }, 'request');
}
