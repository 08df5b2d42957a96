import { AppError, isAppError } from './app-error.js';

/** Nothing exists at this address, or for what was asked: 404. The family of every 404 domain error. */
export class NotFoundError extends AppError {
  readonly code: string = 'not_found';
  readonly status = 404;
}

/** True when `value` is a NotFoundError of any kind (unknown symbol, unsupported query...). */
export function isNotFoundError(value: unknown): value is NotFoundError {
  return isAppError(value) && value.status === 404;
}
