import { isAppError } from './app-error.js';
import { NotFoundError } from './not-found-error.js';

/** Providers know the symbol but none serves this query (an OHLCV interval nobody has): 404. */
export class UnsupportedQueryError extends NotFoundError {
  override readonly code = 'unsupported';
}

/** True when `value` is an UnsupportedQueryError. */
export function isUnsupportedQueryError(value: unknown): value is UnsupportedQueryError {
  return isAppError(value, 'unsupported');
}
