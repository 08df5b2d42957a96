import { inject, injectable, multiInject, optional } from 'inversify';
import { AppConfig } from '../config/app-config.js';
import { ConfigSources } from '../config/config-sources.js';
import { ConfigError } from '../errors/index.js';
import type { Capability } from './capability.js';
import { MarketProvider } from './market-provider.js';

/** Every provider the plugins bound, by id. */
@injectable()
export class ProviderRegistry {
  private readonly byId = new Map<string, MarketProvider>();

  constructor(
    @multiInject(MarketProvider) @optional() providers: MarketProvider[] | undefined,
    @inject(AppConfig) private readonly config: AppConfig,
    @inject(ConfigSources) private readonly sources: ConfigSources,
  ) {
    for (const provider of providers ?? []) {
      if (this.byId.has(provider.id)) throw new ConfigError(`Two plugins bind a provider with id "${provider.id}"`);
      this.byId.set(provider.id, provider);
    }
  }

  /** Every provider, enabled or not, in declaration priority order. */
  all(): MarketProvider[] {
    return [...this.byId.values()].sort((a, b) => a.declaration.priority - b.declaration.priority || a.id.localeCompare(b.id));
  }

  /** The provider with this id, if loaded. */
  get(id: string): MarketProvider | undefined {
    return this.byId.get(id);
  }

  /** Enabled providers that declare `capability`, in priority order. */
  enabledFor(capability: Capability): MarketProvider[] {
    return this.all().filter((provider) => provider.disabledReason === null && provider.declaration.capabilities.includes(capability));
  }

  /** `etherscan: ETHERSCAN_API_KEY is not set` for each disabled provider that declares `capability`. */
  disabledReasonsFor(capability: Capability): string[] {
    return this.all()
      .filter((provider) => provider.disabledReason !== null && provider.declaration.capabilities.includes(capability))
      .map((provider) => `${provider.id}: ${provider.disabledReason}`);
  }

  /** Fails the boot when `providers.<id>` names a provider no loaded plugin provides. */
  assertEveryConfiguredProviderIsLoaded(): void {
    const missing = Object.keys(this.config.providers).filter((id) => !this.byId.has(id));
    if (missing.length === 0) return;
    const loaded = [...this.byId.keys()].sort().join(', ') || 'none';
    const lines = missing.map(
      (id) => `${this.sources.describe(['providers', id])}: at "providers.${id}": no loaded plugin provides "${id}" (loaded providers: ${loaded}; add its plugin to "plugins" or set "type": "http-json")`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
}
