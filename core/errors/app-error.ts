/** Brand every AppError carries, so copies of core loaded twice (a plugin by path) still match. */
const APP_ERROR = Symbol.for('crypto-datasource.AppError');

/** What every AppError subclass passes up: its cause and, when known, when to retry. */
export interface AppErrorOptions {
  cause?: unknown;
  /** Seconds a client should wait before retrying. */
  retryAfterSeconds?: number;
}

/**
 * Base of every domain error: a stable machine-readable `code` and the HTTP `status` it answers
 * with, so the error middleware needs no table to forget. `expected` errors (bad input, unknown
 * symbol, nothing available now) are logged at warn or below without a stack; the rest are bugs.
 */
export abstract class AppError extends Error {
  readonly [APP_ERROR] = true;
  /** Stable machine-readable code, e.g. `unknown_symbol`. */
  abstract readonly code: string;
  /** HTTP status of the answer when this error reaches a client. */
  abstract readonly status: number;
  /** True for conditions the gateway expects in normal operation. */
  readonly expected: boolean = true;
  /** Seconds a client should wait before retrying, when known. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True when `value` is an AppError, optionally one with this `code`. */
export function isAppError(value: unknown, code?: string): value is AppError {
  return value instanceof Error && (value as Partial<Record<typeof APP_ERROR, boolean>>)[APP_ERROR] === true && (code === undefined || (value as AppError).code === code);
}
