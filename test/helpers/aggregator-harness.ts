import { Writable } from 'node:stream';
import { expect } from 'chai';
import { Container } from 'inversify';
import { pino } from 'pino';
import { Clock, SystemClock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import { configFromObject } from '../../core/config/config-loader.js';
import { ConfigSources } from '../../core/config/config-sources.js';
import { Env } from '../../core/config/env.js';
import { formatConfigIssues, formatPath } from '../../core/config/format-config-issues.js';
import { ConfigError, isProviderError, type ProviderError } from '../../core/errors/index.js';
import type { Plugin } from '../../core/kernel/plugin.js';
import { Logger } from '../../core/logging/logger.js';
import type { FetchContext, MarketProvider } from '../../core/providers/market-provider.js';
import { ProviderRegistry } from '../../core/providers/provider-registry.js';
import { silentLogger } from './test-app.js';

/** What provider plugins are loaded with: their options, `providers.*` config, the environment, the logger and the clock. */
export interface ProviderLoadOptions {
  /** Each plugin's `options`, by plugin name, as in its `plugins[]` entry. */
  options?: Readonly<Record<string, Record<string, unknown>>>;
  providers?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The system clock unless given. */
  clock?: Clock;
}

/**
 * Loads provider plugins' real ContainerModules into a fresh container with core's registry, as the
 * kernel and the app do: the config (`plugins` and `providers`, labelled `test-config.json`) and each
 * plugin's options validated, every module bound, then the registry built and initialized. Returns
 * every provider the registry made of the plugins' contributions.
 */
export function loadProviders(plugins: Plugin | readonly Plugin[], options: ProviderLoadOptions = {}): MarketProvider[] {
  const listed = [plugins].flat();
  const optionsOf = (plugin: Plugin): Record<string, unknown> | undefined => options.options?.[plugin.name];
  const entries = listed.map((plugin) => (optionsOf(plugin) === undefined ? plugin.name : { name: plugin.name, options: optionsOf(plugin) }));
  const { config, sources } = configFromObject({ plugins: entries, providers: options.providers ?? {} }, 'test-config.json');
  const env = options.env ?? {};
  const logger = options.logger ?? silentLogger;
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(AppConfig).toConstantValue(config);
  container.bind(ConfigSources).toConstantValue(sources);
  container.bind(Env).toConstantValue(env);
  container.bind(Logger).toConstantValue(logger);
  container.bind(Clock).toConstantValue(options.clock ?? new SystemClock());
  container.bind(ProviderRegistry).toSelf();
  for (const [index, plugin] of listed.entries()) {
    const prefix = ['plugins', index, 'options'];
    const configError = (path: readonly (string | number)[], message: string): ConfigError =>
      new ConfigError(`Invalid configuration:\n${sources.describe([...prefix, ...path])}: at "${formatPath([...prefix, ...path])}": ${message}`);
    container.load(plugin.module({ options: validOptions(plugin, optionsOf(plugin), sources, prefix), env, logger, configError }));
  }
  const registry = container.get(ProviderRegistry);
  registry.initialize();
  return registry.all();
}

/** The plugin's options checked against its schema, failing as the kernel does. */
function validOptions(plugin: Plugin, raw: Record<string, unknown> | undefined, sources: ConfigSources, prefix: readonly (string | number)[]): unknown {
  if (plugin.optionsSchema === undefined) return raw ?? {};
  const parsed = plugin.optionsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new ConfigError(`Options of plugin "${plugin.name}" are invalid:\n${formatConfigIssues(parsed.error.issues, sources, prefix)}`);
}

/** Loads a single built-in provider plugin with `providers.<plugin.name>` set to `overrides`. */
export function loadProvider(plugin: Plugin, overrides?: Record<string, unknown>, env?: NodeJS.ProcessEnv): MarketProvider {
  const providers = loadProviders(plugin, { providers: overrides === undefined ? {} : { [plugin.name]: overrides }, ...(env === undefined ? {} : { env }) });
  expect(providers).to.have.length(1);
  return providers[0]!;
}

/** A fetch context with a live signal, as the router passes. */
export function fetchContext(): FetchContext {
  return { signal: new AbortController().signal };
}

/** Awaits a call that must fail with a ProviderError and returns that error. */
export async function providerErrorOf(call: Promise<unknown>): Promise<ProviderError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) expect.fail(`expected a ProviderError, got ${JSON.stringify(outcome.value)}`);
  const { error } = outcome;
  if (!isProviderError(error)) expect.fail(`expected a ProviderError, got ${String(error)}`);
  return error;
}

/** A pino logger (default serializers, so errors are logged with their causes) that keeps its lines. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}
