import type { Container, ContainerModule } from 'inversify';
import type { z } from 'zod';
import type { AppConfig } from '../config/app-config.js';
import type { ConfigSources } from '../config/config-sources.js';
import type { Logger } from '../logging/logger.js';

/** What a plugin contributes; informational, shown in status and logs. */
export type PluginKind = 'provider' | 'api' | 'websocket' | 'ai-model' | 'extension';

/** What a plugin gets when it binds, starts and stops. */
export interface PluginContext<TOptions> {
  /** The plugin's validated options. */
  options: TOptions;
  /** The whole validated configuration (read-only). */
  config: AppConfig;
  /** Names the config file a JSON path came from, for error messages. */
  sources: ConfigSources;
  /** Process environment (API keys are read from here, by the names config gives). */
  env: NodeJS.ProcessEnv;
  /** A logger bound to the plugin's name. */
  logger: Logger;
}

/**
 * The plugin contract. Built-in and third-party plugins implement exactly this: a name, a kind,
 * an options schema, one ContainerModule that is the only place it binds anything, and optional
 * start/stop hooks run in config order (stop in reverse).
 */
export interface Plugin<TOptions = unknown> {
  /** Unique name, e.g. `binance` or `market-api`. */
  readonly name: string;
  readonly kind: PluginKind;
  /**
   * Top-level config section the plugin owns (e.g. `ai`); its options are read from there.
   * Without it, options come from the plugin's `plugins[]` entry.
   */
  readonly configSection?: string;
  /** Schema of the options; they are validated before `module` is called. */
  readonly optionsSchema?: z.ZodType<TOptions>;
  /** Binds what the plugin provides. */
  module(context: PluginContext<TOptions>): ContainerModule;
  /** Called once every plugin is bound, in config order. Throwing stops the boot. */
  start?(container: Container, context: PluginContext<TOptions>): Promise<void> | void;
  /** Called on shutdown, in reverse order. */
  stop?(container: Container, context: PluginContext<TOptions>): Promise<void> | void;
}

/** Identity helper that gives a plugin literal its types. */
export function definePlugin<TOptions>(plugin: Plugin<TOptions>): Plugin<TOptions> {
  return plugin;
}

/** True when a module's export looks like a Plugin. */
export function isPlugin(value: unknown): value is Plugin {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Plugin>;
  return typeof candidate.name === 'string' && typeof candidate.kind === 'string' && typeof candidate.module === 'function';
}
