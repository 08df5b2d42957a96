import { AppError } from './app-error.js';

/** The client sent something we cannot serve (bad parameter, bad body). Maps to 400. */
export class BadRequestError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
  }
}

/** Nothing exists at this address or for this symbol. Maps to 404. */
export class NotFoundError extends AppError {
  constructor(message: string, code = 'not_found') {
    super(code, message);
  }
}

/** Nothing can answer right now (every provider failed, model not loaded). Maps to 503. */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super('unavailable', message, options);
  }
}

/** The request body is larger than `server.maxBodyBytes`. Maps to 413. */
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload_too_large', `Request body exceeds the limit of ${limitBytes} bytes`);
  }
}
