import type { ContainerModule } from 'inversify';
import type { z } from 'zod';
import type { ConfigError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';

/** What a plugin's `module` gets: its own validated options and nothing else of the config. */
export interface PluginContext<TOptions> {
  /** The plugin's validated options: its `plugins[]` entry's `options`, or its `configSection`. */
  readonly options: TOptions;
  /** Process environment (API keys and folders are read from here, by the names config gives). */
  readonly env: NodeJS.ProcessEnv;
  /** A logger bound to the plugin's name. */
  readonly logger: Logger;
  /** A ConfigError naming the file and the full JSON path of `path`, a path inside the plugin's options. */
  configError(path: readonly (string | number)[], message: string): ConfigError;
}

/**
 * The plugin contract. Built-in and third-party plugins implement exactly this: a name, where
 * its options come from and their schema, and one ContainerModule that is the only place it binds
 * anything. A plugin takes part in the application's life by binding LifecycleContribution and
 * the extension points' tokens (RouteContribution, ReadinessCheck, ProviderContribution, ...);
 * its classes get what they need by injection.
 */
export interface Plugin<TOptions = unknown> {
  /** Unique name, e.g. `binance` or `market-api`. */
  readonly name: string;
  /**
   * Top-level config section the plugin owns (e.g. `ai`); its options are read from there, and an
   * `options` object in its `plugins[]` entry is an error. Without it, options come from that entry.
   */
  readonly configSection?: string;
  /** Schema of the options; they are validated before `module` is called. */
  readonly optionsSchema?: z.ZodType<TOptions>;
  /** Binds what the plugin provides. */
  module(context: PluginContext<TOptions>): ContainerModule;
}

/** Identity helper that gives a plugin literal its types. */
export function definePlugin<TOptions>(plugin: Plugin<TOptions>): Plugin<TOptions> {
  return plugin;
}

/** True when a module's export looks like a Plugin. */
export function isPlugin(value: unknown): value is Plugin {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Plugin>;
  return typeof candidate.name === 'string' && typeof candidate.module === 'function';
}
