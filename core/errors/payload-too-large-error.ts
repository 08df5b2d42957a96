import { AppError, isAppError } from './app-error.js';

/** The request body is larger than `server.maxBodyBytes`: 413. */
export class PayloadTooLargeError extends AppError {
  readonly code = 'payload_too_large';
  readonly status = 413;

  constructor(limitBytes: number) {
    super(`Request body exceeds the limit of ${limitBytes} bytes`);
  }
}

/** True when `value` is a PayloadTooLargeError. */
export function isPayloadTooLargeError(value: unknown): value is PayloadTooLargeError {
  return isAppError(value, 'payload_too_large');
}
