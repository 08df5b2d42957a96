import 'reflect-metadata';
import { Container, ContainerModule, type ServiceIdentifier } from 'inversify';
import { AppConfig, CORE_SECTIONS } from '../config/app-config.js';
import { ConfigSources } from '../config/config-sources.js';
import { Env } from '../config/env.js';
import { formatConfigIssues, formatPath } from '../config/format-config-issues.js';
import { ConfigError, PluginError } from '../errors/index.js';
import { Logger } from '../logging/logger.js';
import { Lifecycle } from './lifecycle.js';
import { LifecycleContribution } from './lifecycle-contribution.js';
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

/** Owner of the contributions core binds itself. */
const CORE = 'core';

/**
 * The Inversify kernel: binds the config, the environment and the logger, loads core's module,
 * then resolves the plugins listed in config, validates each one's options and loads its
 * ContainerModule, in config order. `lifecycle()` hands the LifecycleContributions, each with the
 * plugin that bound it, to the App.
 */
export class Kernel {
  /** The one container every plugin binds into. */
  readonly container = new Container({ defaultScope: 'Singleton' });
  private readonly loaded: Plugin[] = [];
  /** The owner of each LifecycleContribution binding, in binding order. */
  private readonly contributionOwners: string[] = [];

  constructor(private readonly options: KernelOptions) {
    this.container.bind(AppConfig).toConstantValue(options.config);
    this.container.bind(Logger).toConstantValue(options.logger);
    this.container.bind(ConfigSources).toConstantValue(options.sources);
    this.container.bind(Env).toConstantValue(options.env);
  }

  /** Names of the loaded plugins, in load order. */
  get pluginNames(): string[] {
    return this.loaded.map((plugin) => plugin.name);
  }

  /** Loads core's own module, before any plugin: its contributions run first. */
  async loadCore(module: ContainerModule): Promise<void> {
    await this.container.loadAsync(this.attributed(CORE, module));
  }

  /** Resolves, validates and binds every plugin in `plugins[]`. Throws ConfigError or PluginError. */
  async load(): Promise<void> {
    const { config, catalogue, cwd } = this.options;
    const claimedSections = new Set(CORE_SECTIONS);
    for (const [index, entry] of config.plugins.entries()) {
      const { plugin, rawOptions } = await resolvePlugin(entry, index, catalogue, cwd);
      if (this.loaded.some((other) => other.name === plugin.name)) {
        throw new PluginError(plugin.name, `plugins[${index}]: plugin "${plugin.name}" is listed twice`);
      }
      if (plugin.configSection !== undefined) claimedSections.add(plugin.configSection);
      const context = this.contextFor(plugin, index, rawOptions);
      try {
        await this.container.loadAsync(this.attributed(plugin.name, plugin.module(context)));
      } catch (error) {
        if (error instanceof ConfigError || error instanceof PluginError) throw error;
        throw new PluginError(plugin.name, `plugin "${plugin.name}" failed to bind: ${(error as Error).message}`, { cause: error });
      }
      this.loaded.push(plugin);
    }
    const unknown = Object.keys(config).filter((key) => !claimedSections.has(key));
    if (unknown.length > 0) {
      const lines = unknown.map((key) => `${this.options.sources.describe([key])}: at "${key}": unknown key (no core section or loaded plugin owns it)`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
  }

  /** Every LifecycleContribution, in binding order (core's, then each plugin's in config order), with its owner. */
  lifecycle(): Lifecycle {
    const contributions = this.container.getAll<LifecycleContribution>(LifecycleContribution, { optional: true });
    if (contributions.length !== this.contributionOwners.length) {
      throw new PluginError('core', 'LifecycleContribution bindings must be unconditional (no when...() constraint)');
    }
    return new Lifecycle(
      contributions.map((contribution, index) => ({ owner: this.contributionOwners[index]!, contribution })),
      this.options.logger,
    );
  }

  /**
   * The module, loaded with a `bind` that notes who binds each LifecycleContribution: getAll
   * returns bindings in binding order, so the notes pair each contribution with its plugin.
   */
  private attributed(owner: string, module: ContainerModule): ContainerModule {
    return new ContainerModule((options) =>
      module.load({
        ...options,
        bind: <T>(serviceIdentifier: ServiceIdentifier<T>) => {
          if (serviceIdentifier === LifecycleContribution) this.contributionOwners.push(owner);
          return options.bind(serviceIdentifier);
        },
      }),
    );
  }

  private contextFor(plugin: Plugin, index: number, rawOptions: Record<string, unknown> | undefined): PluginContext<unknown> {
    const { config, sources, env, logger } = this.options;
    const section = plugin.configSection;
    const prefix = section !== undefined ? [section] : ['plugins', index, 'options'];
    if (section !== undefined && rawOptions !== undefined) {
      throw new ConfigError(`Invalid configuration:\n${sources.describe(['plugins', index])}: at "plugins[${index}].options": plugin "${plugin.name}" reads its options from the "${section}" section, not from here`);
    }
    const raw = section !== undefined ? config[section] : rawOptions;
    let options: unknown = raw ?? {};
    if (plugin.optionsSchema !== undefined) {
      const parsed = plugin.optionsSchema.safeParse(raw ?? {});
      if (!parsed.success) {
        throw new ConfigError(`Options of plugin "${plugin.name}" are invalid:\n${formatConfigIssues(parsed.error.issues, sources, prefix)}`);
      }
      options = parsed.data;
    }
    return {
      options,
      env,
      logger: logger.child({ plugin: plugin.name }),
      configError: (path, message) => {
        const full = [...prefix, ...path];
        return new ConfigError(`Invalid configuration:\n${sources.describe(full)}: at "${formatPath(full)}": ${message}`);
      },
    };
  }
}
