export { AppError, isAppError } from './app-error.js';
export { BadRequestError, NotFoundError, PayloadTooLargeError, ServiceUnavailableError } from './request-errors.js';
export { ConfigError, PluginError } from './boot-errors.js';
export { ProviderError, isProviderError, type ProviderErrorKind } from './provider-errors.js';
