import { App } from '../core/app.js';
import type { AppConfig } from '../core/config/app-config.js';
import { builtinPlugins } from '../plugins/builtin-plugins.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../test/simulator/upstream-simulator.js';
import { isSimProviderId } from '../test/simulator/sim-provider-id.js';

/** The demo's provider keys: the simulator accepts any non-empty key, like the real APIs' format check. */
const DEMO_KEYS = { COINCAP_API_KEY: 'demo-key', ETHERSCAN_API_KEY: 'demo-key' } as const;

/** How to start the demo. */
export interface DemoOptions {
  /** Gateway port (`PORT`); 0 picks a free one. */
  port?: number;
  /** Simulator port (`SIM_PORT`); 0 picks a free one. */
  simPort?: number;
  /** Config overlay; `config/demo.json` unless `CONFIG` names another. */
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Simulator options beyond the port (the benchmarks add latency). */
  simulator?: { seed?: number; latencyMs?: number };
}

/** The gateway and its simulated upstreams, running. */
export interface RunningDemo {
  app: App;
  simulator: UpstreamSimulator;
  gatewayUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the upstream simulator, then the gateway with the demo config, every provider's `baseUrl`
 * pointed at the simulator's actual address (a config layer labelled as such, so errors name it).
 * Fully offline.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const env: NodeJS.ProcessEnv = { ...DEMO_KEYS, ...(options.env ?? process.env) };
  const simulator = await startUpstreamSimulator({ port: options.simPort ?? 7861, ...options.simulator });
  try {
    const overlay = options.configFile ?? env.CONFIG ?? 'config/demo.json';
    const app = await App.create({
      catalogue: builtinPlugins,
      env: { ...env, CONFIG: overlay, ...(options.port === undefined ? {} : { PORT: String(options.port) }) },
      extraConfigLayers: [{ label: `simulator address (${simulator.url})`, value: await simulatorLayer(overlay, simulator) }],
    });
    const address = await app.start();
    return {
      app,
      simulator,
      gatewayUrl: `http://127.0.0.1:${address.port}`,
      stop: async () => {
        await app.stop();
        await simulator.close();
      },
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}

/**
 * `providers.<id>.baseUrl` for every provider of the overlay that the simulator serves; the ones the
 * `http-json` plugin's options declare are pointed at the simulator's generic API.
 */
async function simulatorLayer(overlay: string, simulator: UpstreamSimulator): Promise<Record<string, unknown>> {
  const { readFile } = await import('node:fs/promises');
  const config = JSON.parse(await readFile(overlay, 'utf8')) as Partial<AppConfig>;
  const configOnly = (config.plugins ?? []).flatMap((entry) =>
    typeof entry === 'object' && 'name' in entry && entry.name === 'http-json' ? Object.keys((entry.options?.providers ?? {}) as Record<string, unknown>) : [],
  );
  const providers: Record<string, { baseUrl: string }> = {};
  for (const id of [...Object.keys(config.providers ?? {}), ...configOnly]) {
    const simId = configOnly.includes(id) ? 'generic' : id;
    if (isSimProviderId(simId)) providers[id] = { baseUrl: simulator.baseUrlOf(simId) };
  }
  return { providers };
}
