import { AppError, isAppError } from '../../../core/index.js';

/** The model is in the registry but this deployment cannot have it (not on disk, the hub not allowed): 404 naming it. */
export class ModelUnavailableError extends AppError {
  readonly code = 'model_unavailable';
  readonly status = 404;
}

/** The model failed to load and is not tried again: 409 naming it and why. */
export class ModelFailedError extends AppError {
  readonly code = 'model_failed';
  readonly status = 409;
}

/** The model is still loading: 503 with Retry-After. */
export class ModelLoadingError extends AppError {
  readonly code = 'model_loading';
  readonly status = 503;
}

/** True when `value` is a ModelUnavailableError. */
export function isModelUnavailableError(value: unknown): value is ModelUnavailableError {
  return isAppError(value, 'model_unavailable');
}

/** True when `value` is a ModelFailedError. */
export function isModelFailedError(value: unknown): value is ModelFailedError {
  return isAppError(value, 'model_failed');
}

/** True when `value` is a ModelLoadingError. */
export function isModelLoadingError(value: unknown): value is ModelLoadingError {
  return isAppError(value, 'model_loading');
}
