import { AppError } from './app-error.js';

/** Configuration is invalid; the message names the file, the JSON path and what was expected. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** A plugin could not be found, loaded, validated, started or stopped. */
export class PluginError extends AppError {
  readonly pluginName: string;

  constructor(pluginName: string, message: string, options: { cause?: unknown } = {}) {
    super('plugin_failed', message, options);
    this.pluginName = pluginName;
  }
}
