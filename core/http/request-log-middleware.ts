import type { Middleware } from 'koa';
import { jsonValue } from '../json/json-value.js';
import { infoLineWriter, type Logger } from '../logging/logger.js';
import { requestIdFrom } from './request-id.js';

/**
 * Gives every request an id (a sane incoming `X-Request-Id` is kept), echoes it in the response
 * and writes one structured log line per request with status, error code (if any) and duration.
 */
export function requestLogMiddleware(logger: Logger): Middleware {
  const logRequest = requestLogger(logger);
  return async function requestLog(ctx, next) {
    const requestId = requestIdFrom(ctx.get('X-Request-Id'));
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      logRequest(requestId, ctx.method, ctx.path, ctx.status, ctx.state.errorCode as string | undefined, Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
}

/** Writes the one `request` line of a request. */
export type RequestLogger = (requestId: string, method: string, path: string, status: number, code: string | undefined, durationMs: number) => void;

/**
 * The `request` line writer, at info, the Koa stack's and the fast lanes' alike. It skips the
 * root logger's redaction (half the cost of the line): none of its fields can hold a secret, the
 * request id being sanitized and the path carrying no query.
 */
export function requestLogger(logger: Logger): RequestLogger {
  const lines = logger.child({}, { redact: { paths: [] } });
  const write = infoLineWriter(logger, lines, 'request');
  return (requestId, method, path, status, code, durationMs) => {
    if (!lines.isLevelEnabled('info')) return;
    const rounded = Math.round(durationMs * 100) / 100;
    if (write === undefined) {
      lines.info({ requestId, method, path, status, ...(code === undefined ? {} : { code }), durationMs: rounded }, 'request');
      return;
    }
    const coded = code === undefined ? '' : `,"code":${jsonValue(code)}`;
    write(`,"requestId":${jsonValue(requestId)},"method":${jsonValue(method)},"path":${jsonValue(path)},"status":${status}${coded},"durationMs":${rounded}`);
  };
}

