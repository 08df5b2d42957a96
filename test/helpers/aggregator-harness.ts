import { Writable } from 'node:stream';
import { expect } from 'chai';
import { Container } from 'inversify';
import { pino } from 'pino';
import { Clock, SystemClock } from '../../core/clock/clock.js';
import { AppConfig } from '../../core/config/app-config.js';
import { configFromObject } from '../../core/config/config-loader.js';
import { ConfigSources } from '../../core/config/config-sources.js';
import { Env } from '../../core/config/env.js';
import { ConfigError, isProviderError, type ProviderError } from '../../core/errors/index.js';
import type { Plugin } from '../../core/kernel/plugin.js';
import { Logger } from '../../core/logging/logger.js';
import type { FetchContext, MarketProvider } from '../../core/providers/market-provider.js';
import { ProviderRegistry } from '../../core/providers/provider-registry.js';
import { silentLogger } from './test-app.js';

/** What a provider plugin is loaded with: `providers.*` config, the environment, the logger and the clock. */
export interface ProviderLoadOptions {
  providers?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The system clock unless given. */
  clock?: Clock;
}

/**
 * Loads provider plugins' real ContainerModules into a fresh container with core's registry, as the
 * kernel and the app do (config validated, sources labelled `test-config.json`; the registry built,
 * then initialized), and returns every provider the registry made of the plugins' contributions.
 */
export function loadProviders(plugins: Plugin | readonly Plugin[], options: ProviderLoadOptions = {}): MarketProvider[] {
  const { config, sources } = configFromObject({ providers: options.providers ?? {} }, 'test-config.json');
  const env = options.env ?? {};
  const logger = options.logger ?? silentLogger;
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(AppConfig).toConstantValue(config);
  container.bind(ConfigSources).toConstantValue(sources);
  container.bind(Env).toConstantValue(env);
  container.bind(Logger).toConstantValue(logger);
  container.bind(Clock).toConstantValue(options.clock ?? new SystemClock());
  container.bind(ProviderRegistry).toSelf();
  const configError = (path: readonly (string | number)[], message: string): ConfigError => new ConfigError(`test-config.json: at "${path.join('.')}": ${message}`);
  for (const plugin of [plugins].flat()) container.load(plugin.module({ options: {}, config, sources, env, logger, configError }));
  const registry = container.get(ProviderRegistry);
  registry.initialize();
  return registry.all();
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
