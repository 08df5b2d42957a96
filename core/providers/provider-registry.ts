import { inject, injectable, multiInject, optional } from 'inversify';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ConfigSources } from '../config/config-sources.js';
import { Env } from '../config/env.js';
import { formatPath } from '../config/format-config-issues.js';
import { ConfigError, PluginError } from '../errors/index.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { Logger } from '../logging/logger.js';
import { CAPABILITIES, type Capability } from './capability.js';
import { ContributedProvider } from './contributed-provider.js';
import type { MarketProvider } from './market-provider.js';
import { ProviderContribution } from './provider-contribution.js';
import type { ProviderDeclaration } from './provider-declaration.js';
import type { ProviderOverrides } from './provider-overrides.js';
import { disabledReasonFor, resolveDeclaration } from './resolve-declaration.js';

/**
 * Owns the providers: collects every ProviderContribution, resolves each one's declaration
 * (baseline, plugin defaults, `providers.<id>`), decides whether it is enabled and why not, reads
 * its API key from the environment, and builds the MarketProviders the router uses. All of it
 * happens on construction, which the app does with the lifecycle contributions before any phase
 * runs: two contributions with one id, a `providers.<id>` nobody provides, or a capability declared
 * without a function stop the boot with an error naming the file and the path.
 */
@injectable()
export class ProviderRegistry implements LifecycleContribution {
  private readonly byId = new Map<string, MarketProvider>();
  /** Every provider in priority order, then each capability's enabled ones: fixed once built (the router reads them on every request). */
  private readonly ordered: MarketProvider[];
  private readonly enabledByCapability = new Map<Capability, MarketProvider[]>();

  constructor(
    @multiInject(ProviderContribution) @optional() contributions: ProviderContribution[] | undefined,
    @inject(AppConfig) config: AppConfig,
    @inject(ConfigSources) private readonly sources: ConfigSources,
    @inject(Env) env: Env,
    @inject(Clock) clock: Clock,
    @inject(Logger) private readonly logger: Logger,
  ) {
    for (const contribution of contributions ?? []) {
      const { id } = contribution;
      this.assertUnique(id);
      const overrides = config.providers[id];
      const declaration = resolveDeclaration(id, contribution.defaults, overrides, sources);
      this.assertCapabilitiesServed(contribution, declaration, overrides);
      const apiKey = declaration.apiKeyEnv === undefined ? undefined : env[declaration.apiKeyEnv] || undefined;
      this.byId.set(id, new ContributedProvider({ contribution, declaration, disabledReason: disabledReasonFor(declaration, env), apiKey, clock }));
    }
    this.ordered = [...this.byId.values()].sort((a, b) => a.declaration.priority - b.declaration.priority || a.id.localeCompare(b.id));
    this.assertEveryConfiguredProviderIsLoaded(Object.keys(config.providers));
    this.assertEveryCapabilityWeighted();
  }

  /** Says once, at warn, which providers are disabled and why: an expected state, not a failure. */
  initialize(): void {
    for (const provider of this.all()) {
      if (provider.disabledReason !== null) this.logger.warn({ provider: provider.id, reason: provider.disabledReason }, 'Provider disabled');
    }
  }

  /** Every provider, enabled or not, in declaration priority order. */
  all(): MarketProvider[] {
    return [...this.ordered];
  }

  /** The provider with this id, if loaded. */
  get(id: string): MarketProvider | undefined {
    return this.byId.get(id);
  }

  /** Enabled providers that declare `capability`, in priority order. */
  enabledFor(capability: Capability): MarketProvider[] {
    let enabled = this.enabledByCapability.get(capability);
    if (enabled === undefined) {
      enabled = this.ordered.filter((provider) => provider.disabledReason === null && provider.declaration.capabilities.includes(capability));
      this.enabledByCapability.set(capability, enabled);
    }
    return [...enabled];
  }

  /** `etherscan: ETHERSCAN_API_KEY is not set` for each disabled provider that declares `capability`. */
  disabledReasonsFor(capability: Capability): string[] {
    return this.all()
      .filter((provider) => provider.disabledReason !== null && provider.declaration.capabilities.includes(capability))
      .map((provider) => `${provider.id}: ${provider.disabledReason}`);
  }

  private assertUnique(id: string): void {
    if (!this.byId.has(id)) return;
    throw this.configError(['plugins'], `two loaded plugins provide a provider with id "${id}"; ids must be unique`);
  }

  /**
   * Every declared capability needs a function. When config chose the capabilities, the error
   * names its path; when the plugin's own defaults declare one it cannot serve, the plugin is at fault.
   */
  private assertCapabilitiesServed(contribution: ProviderContribution, declaration: ProviderDeclaration, overrides: ProviderOverrides | undefined): void {
    const served = Object.keys(contribution.capabilities);
    const unserved = declaration.capabilities.findIndex((capability) => contribution.capabilities[capability] === undefined);
    if (unserved === -1) return;
    const capability = declaration.capabilities[unserved]!;
    if (overrides?.capabilities === undefined) {
      throw new PluginError(contribution.id, `provider "${contribution.id}" declares "${capability}" but has no function for it`);
    }
    throw this.configError(['providers', contribution.id, 'capabilities', unserved], `"${contribution.id}" cannot serve "${capability}" (it serves ${served.join(', ')})`);
  }

  private assertEveryConfiguredProviderIsLoaded(configured: readonly string[]): void {
    const missing = configured.filter((id) => !this.byId.has(id));
    if (missing.length === 0) return;
    const loaded = [...this.byId.keys()].sort().join(', ') || 'none';
    const lines = missing.map((id) => this.issue(['providers', id], `no loaded plugin provides "${id}" (loaded providers: ${loaded}; add the plugin that provides it to "plugins")`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }

  /**
   * A capability whose every enabled provider has weight 0 would never pick a first provider: a
   * configuration error naming the capability and each provider's weight path.
   */
  private assertEveryCapabilityWeighted(): void {
    const declaring = (capability: Capability): MarketProvider[] => this.all().filter((provider) => provider.declaration.enabled && provider.declaration.capabilities.includes(capability));
    const unweighted = CAPABILITIES.filter((capability) => declaring(capability).length > 0 && declaring(capability).every((provider) => provider.declaration.weight === 0));
    if (unweighted.length === 0) return;
    const lines = unweighted.flatMap((capability) =>
      declaring(capability).map((provider) =>
        this.issue(['providers', provider.id, 'weight'], `every enabled provider of "${capability}" has weight 0, so none would ever be chosen; give at least one of them a weight above 0`),
      ),
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }

  private configError(path: readonly (string | number)[], message: string): ConfigError {
    return new ConfigError(`Invalid configuration:\n${this.issue(path, message)}`);
  }

  private issue(path: readonly (string | number)[], message: string): string {
    return `${this.sources.describe(path)}: at "${formatPath(path)}": ${message}`;
  }
}
