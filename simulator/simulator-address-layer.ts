import type { AppConfig } from '../core/config/app-config.js';
import type { ConfigLoadOptions } from '../core/config/config-loader.js';
import { deepMerge } from '../core/config/deep-merge.js';
import { isSimProviderId } from './sim-provider-id.js';
import type { UpstreamSimulator } from './upstream-simulator.js';

/** One labelled config layer, as `loadConfig` merges it after the overlay. */
export type ConfigLayer = NonNullable<ConfigLoadOptions['extraLayers']>[number];

/** What the layer needs of a running simulator. */
export type SimulatorAddress = Pick<UpstreamSimulator, 'url' | 'baseUrlOf'>;

/**
 * The config layer that points every provider of `config` the simulator serves at the running
 * simulator: each loaded built-in provider plugin (its name is its provider id and its simulated
 * path) and each config-declared `http-json` provider (the simulator's generic API). Labelled with
 * the simulator's address, so a config error names it.
 */
export function simulatorAddressLayer(config: AppConfig, simulator: SimulatorAddress): ConfigLayer {
  const builtins = pluginNames(config)
    .filter(isSimProviderId)
    .map((id) => [id, { baseUrl: simulator.baseUrlOf(id) }]);
  const value = deepMerge({ providers: Object.fromEntries(builtins) }, httpJsonProvidersAt(config, simulator.baseUrlOf('generic')));
  return { label: `simulator address (${simulator.url})`, value: value as Record<string, unknown> };
}

/**
 * The one place that knows where config declares `http-json` providers (the http-json plugin's
 * `options.providers`): a fragment pointing each of them at `baseUrl` through `providers.<id>`,
 * which overrides a config-only provider's declaration like any other provider's.
 */
function httpJsonProvidersAt(config: AppConfig, baseUrl: string): Record<string, unknown> {
  const ids = config.plugins.flatMap((entry) =>
    typeof entry === 'object' && 'name' in entry && entry.name === 'http-json' ? Object.keys((entry.options?.providers ?? {}) as Record<string, unknown>) : [],
  );
  return { providers: Object.fromEntries(ids.map((id) => [id, { baseUrl }])) };
}

/** Names of the built-in plugins listed in `plugins`; plugins loaded by path or package have none. */
function pluginNames(config: AppConfig): string[] {
  return config.plugins.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    return 'name' in entry ? [entry.name] : [];
  });
}
