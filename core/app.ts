import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config/app-config.js';
import { loadConfig, type ConfigLoadOptions, type LoadedConfig } from './config/config-loader.js';
import { createHttpHost } from './http/http-host.js';
import { HttpServer } from './http/http-server.js';
import { Kernel } from './kernel/kernel.js';
import type { Lifecycle } from './kernel/lifecycle.js';
import type { PluginCatalogue } from './kernel/plugin-catalogue.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createCoreModule, type CoreModuleOptions } from './core-module.js';

/** How to assemble the application. */
export interface AppOptions {
  /** Built-in plugins by name. */
  catalogue: PluginCatalogue;
  env?: NodeJS.ProcessEnv;
  /** Relative config and plugin paths resolve against this. */
  cwd?: string;
  /** Base config file; `config/default.json` unless given. */
  defaultConfigFile?: string;
  /** Layers merged after the CONFIG overlay (see ConfigLoadOptions.extraLayers). */
  extraConfigLayers?: ConfigLoadOptions['extraLayers'];
  /** Already-loaded config (tests); skips reading files. */
  loadedConfig?: LoadedConfig;
  /** Logger to use instead of one built from `log` config (tests). */
  logger?: Logger;
  /** Replacements for core services: a fake clock in tests, another cache store. */
  core?: CoreModuleOptions;
}

/**
 * The whole gateway: config, kernel with its plugins, and the HTTP server. `create` validates the
 * config and every plugin's options and binds everything; `start` builds the lifecycle
 * contributions (whose constructors check what spans plugins, such as `providers.<id>`), then runs
 * the lifecycle (initialize, configure the HTTP host, listen, onStart); `stop` shuts down
 * gracefully. Features are plugins contributing to the extension points; nothing here knows about
 * any of them.
 */
export class App {
  private httpServer: HttpServer | undefined;
  private lifecycle: Lifecycle | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly config: AppConfig,
    readonly kernel: Kernel,
    readonly logger: Logger,
  ) {}

  /** Loads and validates config, then resolves, validates and binds core and every plugin. */
  static async create(options: AppOptions): Promise<App> {
    const env = options.env ?? process.env;
    const cwd = options.cwd ?? process.cwd();
    const { config, sources } = options.loadedConfig ?? loadConfig({ defaultFile: options.defaultConfigFile ?? 'config/default.json', env, cwd, extraLayers: options.extraConfigLayers ?? [] });
    const logger = options.logger ?? createLogger(config.log);
    const kernel = new Kernel({ config, sources, env, logger, catalogue: options.catalogue, cwd });
    await kernel.loadCore(createCoreModule(config, options.core));
    await kernel.load();
    return new App(config, kernel, logger);
  }

  /**
   * Initializes and configures every contribution, listens, then starts them. If any step fails,
   * what was started is stopped and the error (naming the plugin) is thrown. Resolves with the bound address.
   */
  async start(): Promise<AddressInfo> {
    const lifecycle = this.kernel.lifecycle();
    this.lifecycle = lifecycle;
    try {
      await lifecycle.initialize();
      const host = createHttpHost(this.config.server, this.logger);
      await lifecycle.configure(host);
      const app = host.seal();
      this.httpServer = new HttpServer(app, this.logger, host.fastLanes.handlerFor(app.middleware));
      const address = await this.httpServer.listen(this.config.server.port, this.config.server.host);
      await lifecycle.start({ server: this.httpServer.server });
      this.logger.info({ port: address.port, host: address.address, plugins: this.kernel.pluginNames }, 'Listening');
      return address;
    } catch (error) {
      await this.httpServer?.drain(0);
      await lifecycle.stop();
      throw error;
    }
  }

  /** The HTTP server, once started. */
  get server(): HttpServer | undefined {
    return this.httpServer;
  }

  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests finish, stop every
   * contribution in reverse order (closing WebSockets), then wait for the last sockets. Idempotent.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const budget = this.config.server.shutdownTimeoutMs;
    const started = Date.now();
    this.logger.info('Shutting down');
    await this.httpServer?.drain(budget);
    await this.lifecycle?.stop();
    await this.httpServer?.closed(Math.max(0, budget - (Date.now() - started)));
    this.logger.info({ durationMs: Date.now() - started }, 'Stopped');
  }
}
