import { ContainerModule } from 'inversify';
import type { Logger } from '../logging/logger.js';
import type { Plugin } from '../kernel/plugin.js';
import { MarketProvider } from './market-provider.js';
import type { ProviderDeclaration } from './provider-declaration.js';
import { disabledReasonFor, resolveDeclaration, type ProviderDefaults } from './resolve-declaration.js';

/** What a provider factory gets. */
export interface ProviderFactoryContext {
  id: string;
  declaration: ProviderDeclaration;
  disabledReason: string | null;
  /** The API key read from `declaration.apiKeyEnv`, if any. Never log it. */
  apiKey: string | undefined;
  logger: Logger;
}

/** A provider plugin as its author writes it: an id, declared defaults and a factory. */
export interface ProviderPluginSpec {
  id: string;
  defaults: ProviderDefaults;
  create(context: ProviderFactoryContext): MarketProvider;
}

/**
 * Makes a Plugin out of a provider declaration: reads `providers.<id>` overrides, validates the
 * effective declaration, works out whether the provider is disabled (and why) and binds it as a
 * MarketProvider. The router picks it up from there; nothing else changes.
 */
export function defineProviderPlugin(spec: ProviderPluginSpec): Plugin {
  return {
    name: spec.id,
    module: ({ config, sources, env, logger }) => {
      const declaration = resolveDeclaration(spec.id, spec.defaults, config.providers[spec.id], sources);
      const disabledReason = disabledReasonFor(declaration, env);
      const apiKey = declaration.apiKeyEnv === undefined ? undefined : env[declaration.apiKeyEnv] || undefined;
      const provider = spec.create({ id: spec.id, declaration, disabledReason, apiKey, logger });
      if (disabledReason !== null) logger.warn({ provider: spec.id, reason: disabledReason }, 'Provider disabled');
      return new ContainerModule(({ bind }) => {
        bind<MarketProvider>(MarketProvider).toConstantValue(provider);
      });
    },
  };
}
