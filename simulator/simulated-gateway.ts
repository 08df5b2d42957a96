import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from '../core/app.js';
import { configFromObject, loadConfig, validateConfig, type LoadedConfig } from '../core/config/config-loader.js';
import { ConfigSources } from '../core/config/config-sources.js';
import { deepMerge } from '../core/config/deep-merge.js';
import type { Logger } from '../core/logging/logger.js';
import type { MarketProvider } from '../core/providers/market-provider.js';
import { ProviderRegistry } from '../core/providers/provider-registry.js';
import { builtinPlugins } from '../plugins/builtin-plugins.js';
import { simulatorAddressLayer, type ConfigLayer } from './simulator-address-layer.js';
import { startUpstreamSimulator, type UpstreamSimulator, type UpstreamSimulatorOptions } from './upstream-simulator.js';

/** The demo's config overlay, used when neither the options nor `CONFIG` name one. */
export const DEMO_CONFIG_FILE = 'config/demo.json';

const DEFAULT_CONFIG_FILE = 'config/default.json';
const INLINE_CONFIG_LABEL = 'inline config';

/** A development tool listens on loopback: the production default (all interfaces) applies only when a file asks for it. */
const LOOPBACK_LAYER: ConfigLayer = { label: 'simulated gateway (loopback unless server.host is configured)', value: { server: { host: '127.0.0.1' } } };

/** Keys for the providers that need one; the simulator accepts any non-empty key, like the real APIs' format check. */
export const SIMULATED_API_KEYS: Readonly<NodeJS.ProcessEnv> = { COINCAP_API_KEY: 'demo-key', ETHERSCAN_API_KEY: 'demo-key' };

/** How to build the gateway; every field is optional. */
export interface SimulatedGatewayOptions {
  /**
   * The gateway's config. A file path is an overlay read over `config/default.json`, then `PORT` and
   * `LOG_LEVEL` from `env` apply, as for `npm start`, except that the gateway listens on 127.0.0.1
   * unless the overlay sets `server.host`; by default `CONFIG` from `env`, else `config/demo.json`.
   * An object is the whole config, used alone (tests).
   */
  config?: string | Record<string, unknown>;
  /** The gateway's environment (API keys, `CONFIG`, `PORT`, `LOG_LEVEL`): `process.env` unless given, over SIMULATED_API_KEYS. */
  env?: NodeJS.ProcessEnv;
  /** Gateway port, over the config and `PORT`; 0 picks a free one. */
  port?: number;
  /** How to start the simulator: `port` (0, the default, picks a free one), `seed`, `latencyMs`... */
  simulator?: UpstreamSimulatorOptions;
  /**
   * A simulator already running, shared by several gateways (replicas of a cluster): used instead
   * of starting one (`simulator` is then ignored), and left running by `stop()`.
   */
  upstream?: UpstreamSimulator;
  /** Logger instead of one built from the `log` config. */
  logger?: Logger;
  /**
   * Keep the providers' market listings in the config's `markets.dataDir` (the demo, so a restart
   * finds them); otherwise they go to a fresh temporary folder, removed on `stop()`.
   */
  keepMarkets?: boolean;
}

/** The running upstream simulator and a gateway App pointed at it. */
export interface SimulatedGateway {
  simulator: UpstreamSimulator;
  /** Created; serves HTTP once `start()` resolves. */
  app: App;
  /** `http://127.0.0.1:<port>` of the started gateway; throws before `start()`. */
  readonly gatewayUrl: string;
  /** Every MarketProvider the kernel bound. */
  providers(): MarketProvider[];
  /** The bound provider with this id; throws when there is none. */
  provider(id: string): MarketProvider;
  /** Starts the App's plugins, then listens; resolves with `gatewayUrl`. Closes the simulator (if its own) if that fails. */
  start(): Promise<string>;
  /** Stops the App, then the simulator unless it was handed in as `upstream`. */
  stop(): Promise<void>;
}

/**
 * Starts the upstream simulator, then creates the gateway (not started) with the built-in plugins
 * and the given config, every provider the simulator serves pointed at its actual address by a
 * config layer labelled as such (errors name it). Fully offline. Used by `npm run demo`, the
 * benchmarks and the integration tests; prints nothing.
 */
export async function createSimulatedGateway(options: SimulatedGatewayOptions = {}): Promise<SimulatedGateway> {
  const env: NodeJS.ProcessEnv = { ...SIMULATED_API_KEYS, ...(options.env ?? process.env) };
  const owned = options.upstream === undefined;
  const simulator = options.upstream ?? (await startUpstreamSimulator(options.simulator));
  const marketsDir = options.keepMarkets === true ? undefined : mkdtempSync(join(tmpdir(), 'crypto-datasource-markets-'));
  const layers = marketsDir === undefined ? [] : [{ label: 'simulated gateway (temporary market folder)', value: { markets: { dataDir: marketsDir } } }];
  const cleanUp = async (): Promise<void> => {
    if (owned) await simulator.close();
    if (marketsDir !== undefined) rmSync(marketsDir, { recursive: true, force: true });
  };
  try {
    const config = options.config ?? env.CONFIG ?? DEMO_CONFIG_FILE;
    const app = await App.create({
      catalogue: builtinPlugins,
      loadedConfig: typeof config === 'string' ? fileConfig(config, env, options.port, simulator, layers) : inlineConfig(config, options.port, simulator, layers),
      env,
      logger: options.logger,
    });
    return running(simulator, app, cleanUp);
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * `config/default.json`, the overlay `file`, 127.0.0.1 when only the default file sets
 * `server.host`, the simulator's address, then `PORT` (the option's, else env's) and `LOG_LEVEL`.
 */
function fileConfig(file: string, env: NodeJS.ProcessEnv, port: number | undefined, simulator: UpstreamSimulator, layers: ConfigLayer[]): LoadedConfig {
  const load = (extraLayers: ConfigLayer[]): LoadedConfig =>
    loadConfig({ defaultFile: DEFAULT_CONFIG_FILE, env: { ...env, CONFIG: file, ...(port === undefined ? {} : { PORT: String(port) }) }, extraLayers });
  const plain = load([]);
  const hostConfigured = plain.sources.describe(['server', 'host']) !== DEFAULT_CONFIG_FILE;
  return load([...(hostConfigured ? [] : [LOOPBACK_LAYER]), simulatorAddressLayer(plain.config, simulator), ...layers]);
}

/** The inline config (with the `port` option), then the simulator's address. */
function inlineConfig(raw: Record<string, unknown>, port: number | undefined, simulator: UpstreamSimulator, layers: ConfigLayer[]): LoadedConfig {
  const inline = port === undefined ? raw : (deepMerge(raw, { server: { port } }) as Record<string, unknown>);
  const all = [simulatorAddressLayer(configFromObject(inline, INLINE_CONFIG_LABEL).config, simulator), ...layers];
  const sources = new ConfigSources();
  sources.add(INLINE_CONFIG_LABEL, inline);
  for (const layer of all) sources.add(layer.label, layer.value);
  return { config: validateConfig(all.reduce<unknown>((merged, layer) => deepMerge(merged, layer.value), inline), sources), sources };
}

function running(simulator: UpstreamSimulator, app: App, cleanUp: () => Promise<void>): SimulatedGateway {
  let gatewayUrl: string | undefined;
  const providers = (): MarketProvider[] => app.kernel.container.get(ProviderRegistry).all();
  return {
    simulator,
    app,
    get gatewayUrl(): string {
      if (gatewayUrl === undefined) throw new Error('the simulated gateway is not started: call start() first');
      return gatewayUrl;
    },
    providers,
    provider: (id) => {
      const found = providers().find((provider) => provider.id === id);
      if (found === undefined) throw new Error(`no provider "${id}" is bound (have ${providers().map((provider) => provider.id).join(', ')})`);
      return found;
    },
    start: async () => {
      try {
        const address = await app.start();
        gatewayUrl = `http://127.0.0.1:${address.port}`;
        return gatewayUrl;
      } catch (error) {
        await cleanUp();
        throw error;
      }
    },
    stop: async () => {
      await app.stop();
      await cleanUp();
    },
  };
}
