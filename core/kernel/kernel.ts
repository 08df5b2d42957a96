import 'reflect-metadata';
import { Container } from 'inversify';
import { AppConfig, CORE_SECTIONS } from '../config/app-config.js';
import { ConfigSources } from '../config/config-sources.js';
import { formatConfigIssues } from '../config/format-config-issues.js';
import { ConfigError, PluginError } from '../errors/index.js';
import { Logger } from '../logging/logger.js';
import type { Plugin, PluginContext } from './plugin.js';
import type { PluginCatalogue } from './plugin-catalogue.js';
import { resolvePlugin } from './plugin-loader.js';

/** What the kernel needs to boot. */
export interface KernelOptions {
  config: AppConfig;
  sources: ConfigSources;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  catalogue: PluginCatalogue;
  /** Relative plugin paths resolve against this. */
  cwd: string;
}

interface LoadedPlugin {
  plugin: Plugin;
  context: PluginContext<unknown>;
}

/**
 * The Inversify kernel: resolves the plugins listed in config, validates each one's options,
 * loads its ContainerModule, starts them in order and stops them in reverse.
 */
export class Kernel {
  /** The one container every plugin binds into. */
  readonly container = new Container({ defaultScope: 'Singleton' });
  private readonly loaded: LoadedPlugin[] = [];
  private readonly started: LoadedPlugin[] = [];

  constructor(private readonly options: KernelOptions) {
    this.container.bind(AppConfig).toConstantValue(options.config);
    this.container.bind(Logger).toConstantValue(options.logger);
    this.container.bind(ConfigSources).toConstantValue(options.sources);
  }

  /** Names of the loaded plugins, in load order. */
  get pluginNames(): string[] {
    return this.loaded.map(({ plugin }) => plugin.name);
  }

  /** Resolves, validates and binds every plugin in `plugins[]`. Throws ConfigError or PluginError. */
  async load(): Promise<void> {
    const { config, catalogue, cwd } = this.options;
    const claimedSections = new Set(CORE_SECTIONS);
    for (const [index, entry] of config.plugins.entries()) {
      const { plugin, rawOptions } = await resolvePlugin(entry, index, catalogue, cwd);
      if (this.loaded.some((other) => other.plugin.name === plugin.name)) {
        throw new PluginError(plugin.name, `plugins[${index}]: plugin "${plugin.name}" is listed twice`);
      }
      if (plugin.configSection !== undefined) claimedSections.add(plugin.configSection);
      const context = this.contextFor(plugin, index, rawOptions);
      try {
        await this.container.loadAsync(plugin.module(context));
      } catch (error) {
        if (error instanceof ConfigError || error instanceof PluginError) throw error;
        throw new PluginError(plugin.name, `plugin "${plugin.name}" failed to bind: ${(error as Error).message}`, { cause: error });
      }
      this.loaded.push({ plugin, context });
    }
    const unknown = Object.keys(config).filter((key) => !claimedSections.has(key));
    if (unknown.length > 0) {
      const lines = unknown.map((key) => `${this.options.sources.describe([key])}: at "${key}": unknown key (no core section or loaded plugin owns it)`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
  }

  /** Starts plugins in order. If one throws, the ones already started are stopped, then it rethrows. */
  async start(): Promise<void> {
    for (const loaded of this.loaded) {
      const { plugin, context } = loaded;
      try {
        await plugin.start?.(this.container, context);
      } catch (error) {
        this.options.logger.error({ plugin: plugin.name, err: error }, 'Plugin failed to start; stopping the ones already started');
        await this.stop();
        throw new PluginError(plugin.name, `plugin "${plugin.name}" failed to start: ${(error as Error).message}`, { cause: error });
      }
      this.started.push(loaded);
      context.logger.debug('Plugin started');
    }
  }

  /** Stops started plugins in reverse order; a failing stop is logged and the others still stop. */
  async stop(): Promise<void> {
    while (this.started.length > 0) {
      const { plugin, context } = this.started.pop()!;
      try {
        await plugin.stop?.(this.container, context);
        context.logger.debug('Plugin stopped');
      } catch (error) {
        context.logger.error({ err: error }, 'Plugin failed to stop cleanly');
      }
    }
  }

  private contextFor(plugin: Plugin, index: number, rawOptions: Record<string, unknown> | undefined): PluginContext<unknown> {
    const { config, sources, env, logger } = this.options;
    const fromSection = plugin.configSection !== undefined;
    const raw = fromSection ? config[plugin.configSection!] : rawOptions;
    const prefix = fromSection ? [plugin.configSection!] : ['plugins', index, 'options'];
    let options: unknown = raw ?? {};
    if (plugin.optionsSchema !== undefined) {
      const parsed = plugin.optionsSchema.safeParse(raw ?? {});
      if (!parsed.success) {
        throw new ConfigError(`Options of plugin "${plugin.name}" are invalid:\n${formatConfigIssues(parsed.error.issues, sources, prefix)}`);
      }
      options = parsed.data;
    }
    return { options, config, sources, env, logger: logger.child({ plugin: plugin.name }) };
  }
}
