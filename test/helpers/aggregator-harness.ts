import { Writable } from 'node:stream';
import { expect } from 'chai';
import { Container } from 'inversify';
import { pino } from 'pino';
import { configFromObject } from '../../core/config/config-loader.js';
import { ConfigError, isProviderError, type ProviderError } from '../../core/errors/index.js';
import type { Plugin } from '../../core/kernel/plugin.js';
import type { Logger } from '../../core/logging/logger.js';
import { MarketProvider, type FetchContext } from '../../core/providers/market-provider.js';
import { silentLogger } from './test-app.js';

/** What a provider plugin is loaded with: `providers.*` config and the environment. */
export interface ProviderLoadOptions {
  providers?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/**
 * Loads a provider plugin's real ContainerModule into a fresh container, exactly as the kernel does
 * (config validated, sources labelled `test-config.json`), and returns every MarketProvider it bound.
 */
export function loadProviders(plugin: Plugin, options: ProviderLoadOptions = {}): MarketProvider[] {
  const { config, sources } = configFromObject({ providers: options.providers ?? {} }, 'test-config.json');
  const container = new Container();
  const configError = (path: readonly (string | number)[], message: string): ConfigError => new ConfigError(`test-config.json: at "${path.join('.')}": ${message}`);
  container.load(plugin.module({ options: {}, config, sources, env: options.env ?? {}, logger: options.logger ?? silentLogger, configError }));
  return container.getAll<MarketProvider>(MarketProvider);
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
