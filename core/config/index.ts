export { AppConfig, CoreConfigSchema, CORE_SECTIONS } from './app-config.js';
export { loadConfig, validateConfig, configFromObject, type ConfigLoadOptions, type LoadedConfig } from './config-loader.js';
export { ConfigSources } from './config-sources.js';
export { formatConfigIssues, formatPath } from './format-config-issues.js';
export { deepMerge, deepFreeze, isPlainObject } from './deep-merge.js';
export { ServerConfigSchema, type ServerConfig } from './server-config.js';
export { LogConfigSchema, LOG_LEVELS, type LogConfig } from './log-config.js';
export { PluginEntrySchema, type PluginEntry } from './plugins-config.js';
