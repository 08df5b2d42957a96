import { isAppError } from './app-error.js';
import { NotFoundError } from './not-found-error.js';

/** No provider lists the symbol asked for: 404 naming it. */
export class UnknownSymbolError extends NotFoundError {
  override readonly code = 'unknown_symbol';
}

/** True when `value` is an UnknownSymbolError. */
export function isUnknownSymbolError(value: unknown): value is UnknownSymbolError {
  return isAppError(value, 'unknown_symbol');
}
