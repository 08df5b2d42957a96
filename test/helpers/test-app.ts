import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { App } from '../../core/app.js';
import { configFromObject } from '../../core/config/config-loader.js';
import { deepMerge } from '../../core/config/deep-merge.js';
import type { PluginCatalogue } from '../../core/kernel/plugin-catalogue.js';
import type { Logger } from '../../core/logging/logger.js';
import { builtinPlugins } from '../../plugins/builtin-plugins.js';

/** A logger that writes nothing, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });

/** A running App on 127.0.0.1 with a random port. */
export interface TestApp {
  app: App;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  stop(): Promise<void>;
}

/** Options for an in-process test App. */
export interface TestAppOptions {
  /** Raw config object; `server.port` defaults to 0 and `server.host` to 127.0.0.1. */
  config: Record<string, unknown>;
  catalogue?: PluginCatalogue;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** Builds an App from an in-memory config without starting it. */
export function createTestApp(options: TestAppOptions): Promise<App> {
  // Tests never touch the internet: no market listings from the providers' real hosts unless the
  // test turns discovery on (and then they go to a temporary folder unless it names one).
  const defaults = { server: { port: 0, host: '127.0.0.1' }, markets: { discovery: false, dataDir: join(tmpdir(), `crypto-datasource-test-markets-${process.pid}`) } };
  const config = deepMerge(defaults, options.config) as Record<string, unknown>;
  return App.create({
    catalogue: options.catalogue ?? builtinPlugins,
    loadedConfig: configFromObject(config, 'test-config.json'),
    logger: options.logger ?? silentLogger,
    env: options.env ?? {},
  });
}

/** Builds and starts an App from an in-memory config. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const app = await createTestApp(options);
  const address = await app.start();
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, stop: () => app.stop() };
}
