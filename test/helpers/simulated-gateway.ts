import { App } from '../../core/app.js';
import { configFromObject } from '../../core/config/config-loader.js';
import { deepMerge } from '../../core/config/deep-merge.js';
import type { MarketProvider } from '../../core/providers/market-provider.js';
import { ProviderRegistry } from '../../core/providers/provider-registry.js';
import { builtinPlugins } from '../../plugins/builtin-plugins.js';
import type { SimProviderId } from '../simulator/sim-provider-id.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../simulator/upstream-simulator.js';
import { silentLogger } from './test-app.js';

/** Every built-in provider plugin; each one's id is also the path of its simulated upstream. */
export const BUILTIN_PROVIDER_IDS = [
  'binance',
  'coinbase',
  'kraken',
  'bitstamp',
  'gemini',
  'cryptocompare',
  'coincap',
  'coingecko',
  'alternative-me',
  'etherscan',
] as const satisfies readonly SimProviderId[];

/** The keys the key-requiring providers need to be enabled; the simulator accepts any non-empty one. */
export const SIMULATED_API_KEYS: NodeJS.ProcessEnv = { COINCAP_API_KEY: 'k', ETHERSCAN_API_KEY: 'k' };

/** How to build the gateway; every field is optional. */
export interface SimulatedGatewayOptions {
  /** Seeds the simulated market and fault dice. */
  seed?: number;
  /**
   * More `providers.*` config, merged over the simulator base URLs: extra symbols. A function
   * because base URLs are only known once the simulator listens.
   */
  providers?: (simulator: UpstreamSimulator) => Record<string, Record<string, unknown>>;
  /** Config-only providers: the `providers` option of the `http-json` plugin. */
  httpJson?: (simulator: UpstreamSimulator) => Record<string, Record<string, unknown>>;
}

/** The upstream simulator and an App whose every built-in provider points at it. */
export interface SimulatedGateway {
  simulator: UpstreamSimulator;
  /** Created, not started: `app.start()` serves HTTP on 127.0.0.1 with a random port. */
  app: App;
  /** Every provider the registry built. */
  providers(): MarketProvider[];
  /** The bound provider with this id; throws when there is none. */
  provider(id: string): MarketProvider;
  /** Stops the App, then the simulator. */
  close(): Promise<void>;
}

/**
 * Starts the upstream simulator on loopback and builds the whole gateway through the kernel, with
 * the built-in providers, `http-json` and `market-api` loaded from config and every
 * `providers.<id>.baseUrl` set to the simulator's `/<id>`.
 */
export async function startSimulatedGateway(options: SimulatedGatewayOptions = {}): Promise<SimulatedGateway> {
  const simulator = await startUpstreamSimulator({ port: 0, seed: options.seed ?? 7 });
  try {
    const baseUrls = Object.fromEntries(BUILTIN_PROVIDER_IDS.map((id) => [id, { baseUrl: simulator.baseUrlOf(id) }]));
    const config = {
      server: { port: 0, host: '127.0.0.1' },
      plugins: [...BUILTIN_PROVIDER_IDS, { name: 'http-json', options: { providers: options.httpJson?.(simulator) ?? {} } }, 'market-api'],
      providers: deepMerge(baseUrls, options.providers?.(simulator) ?? {}),
    };
    const app = await App.create({
      catalogue: builtinPlugins,
      loadedConfig: configFromObject(config, 'test-config.json'),
      logger: silentLogger,
      env: SIMULATED_API_KEYS,
    });
    const providers = (): MarketProvider[] => app.kernel.container.get(ProviderRegistry).all();
    return {
      simulator,
      app,
      providers,
      provider: (id) => {
        const found = providers().find((provider) => provider.id === id);
        if (found === undefined) throw new Error(`no provider "${id}" is bound (have ${providers().map((provider) => provider.id).join(', ')})`);
        return found;
      },
      close: async () => {
        await app.stop();
        await simulator.close();
      },
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}
