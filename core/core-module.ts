import { ContainerModule } from 'inversify';
import { ProviderRegistry } from './providers/provider-registry.js';

/** Core services every plugin may inject. */
export function createCoreModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ProviderRegistry).toSelf().inSingletonScope();
  });
}
