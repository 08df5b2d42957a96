import { AppError, isAppError } from './app-error.js';

/** Configuration is invalid; the message names the file, the JSON path and what was expected. Stops the boot. */
export class ConfigError extends AppError {
  readonly code = 'config_invalid';
  readonly status = 500;
}

/** True when `value` is a ConfigError. */
export function isConfigError(value: unknown): value is ConfigError {
  return isAppError(value, 'config_invalid');
}
