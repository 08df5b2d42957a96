import { ContainerModule } from 'inversify';
import type { Plugin } from '../kernel/plugin.js';
import { ProviderContribution } from './provider-contribution.js';

/**
 * A provider plugin named after its provider, whose module binds `contribution` and nothing else:
 * the registry applies config, decides whether it is enabled and builds what the router calls.
 */
export function defineProviderPlugin(contribution: ProviderContribution): Plugin {
  return {
    name: contribution.id,
    module: () =>
      new ContainerModule(({ bind }) => {
        bind<ProviderContribution>(ProviderContribution).toConstantValue(contribution);
      }),
  };
}
