import { AppError, isAppError } from './app-error.js';

/** Nothing can answer right now (every provider failed, model not loaded, queue full): 503, with Retry-After when known. */
export class ServiceUnavailableError extends AppError {
  readonly code = 'unavailable';
  readonly status = 503;
}

/** True when `value` is a ServiceUnavailableError. */
export function isServiceUnavailableError(value: unknown): value is ServiceUnavailableError {
  return isAppError(value, 'unavailable');
}
