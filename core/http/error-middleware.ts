import type { Middleware } from 'koa';
import { isAppError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

/**
 * First in the chain after the request log: turns every failure into
 * `{"error":{"code","message","requestId"}}` with the status the error carries and
 * `Cache-Control: no-store`, and never a stack trace. Expected conditions are logged without a stack (503s and 405s at warn; other 4xx only in
 * the request line, which gets the error code); anything else is a bug, logged at error in full
 * and answered as a generic 500.
 */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const requestId = String(ctx.state.requestId ?? '');
      let status = 500;
      let code = 'internal';
      let message = 'Internal server error';
      if (isAppError(error) && error.expected) {
        ({ status, code, message } = error);
        if (error.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
        if (status >= 500) logger.warn({ requestId, code, message }, 'Request failed');
      } else if (isExposedHttpError(error)) {
        status = error.status;
        code = codeForStatus(status);
        message = error.message;
        for (const [name, value] of Object.entries(error.headers ?? {})) ctx.set(name, value);
        // A method the gateway does not serve (TRACE, PUT...) is a probe or a misdirected client, worth a line of its own.
        if (status === 405) logger.warn({ requestId, status, code, method: ctx.method, path: ctx.path }, 'Request refused');
      } else {
        logger.error({ err: error, requestId }, 'Request failed');
      }
      ctx.state.errorCode = code;
      // An error is about this moment: no cache along the way may keep it.
      ctx.set('Cache-Control', 'no-store');
      ctx.status = status;
      ctx.body = { error: { code, message, requestId } } satisfies ErrorBody;
    }
  };
}

interface ExposedHttpError {
  status: number;
  expose: boolean;
  message: string;
  /** Headers the answer must carry (`Allow` on a 405), as http-errors takes them. */
  headers?: Record<string, string>;
}

/** Koa and http-errors mark client errors safe to show with `expose`. */
function isExposedHttpError(error: unknown): error is ExposedHttpError {
  const candidate = error as Partial<ExposedHttpError> | null;
  return typeof candidate?.status === 'number' && candidate.expose === true && candidate.status >= 400 && candidate.status < 500;
}

function codeForStatus(status: number): string {
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  return 'bad_request';
}
