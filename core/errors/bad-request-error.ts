import { AppError, isAppError } from './app-error.js';

/** The client sent something we cannot serve (bad parameter, bad body): 400. */
export class BadRequestError extends AppError {
  readonly code = 'bad_request';
  readonly status = 400;
}

/** True when `value` is a BadRequestError. */
export function isBadRequestError(value: unknown): value is BadRequestError {
  return isAppError(value, 'bad_request');
}
