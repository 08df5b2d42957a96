/**
 * Base of every domain error. `code` is stable and machine-readable; the HTTP edge maps it to a
 * status (core/http/error-middleware.ts), so code inside never speaks HTTP.
 */
export class AppError extends Error {
  /** Stable machine-readable error code, e.g. `bad_request`. */
  readonly code: string;
  /** Seconds a client should wait before retrying, when known. */
  readonly retryAfterSeconds?: number;

  constructor(code: string, message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True when `value` is an AppError (by shape, so copies of core loaded twice still match). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof Error && typeof (value as Partial<AppError>).code === 'string';
}
