import { AppError, isAppError, type AppErrorOptions } from './app-error.js';

/** A plugin could not be found, loaded, validated, initialized, configured or started. Stops the boot. */
export class PluginError extends AppError {
  readonly code = 'plugin_failed';
  readonly status = 500;

  constructor(
    /** The plugin at fault, as named in config. */
    readonly pluginName: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options);
  }
}

/** True when `value` is a PluginError. */
export function isPluginError(value: unknown): value is PluginError {
  return isAppError(value, 'plugin_failed');
}
