import { createSimulatedGateway, type SimulatedGateway } from '../../../../simulator/simulated-gateway.js';
import { parsePrometheusText, sumOf } from '../../../helpers/prometheus-text.js';
import { silentLogger } from '../../../helpers/test-app.js';
import { WsTestClient } from '../../../helpers/ws-test-client.js';

/** The origin on `server.corsOrigins` in these tests. */
export const ALLOWED_ORIGIN = 'https://drawer.example';

/** A gateway with the market-stream plugin against the simulator. */
export interface StreamHarness {
  gateway: SimulatedGateway;
  /** `ws://127.0.0.1:<port>/ws/market` */
  url: string;
  connect(headers?: Record<string, string>): Promise<WsTestClient>;
  /** Sum of a metric of `/metrics` (optionally the series with these labels). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** Upstream calls the simulator received, all providers together. */
  upstreamCalls(): number;
  stop(): Promise<void>;
}

/** How to build the harness: the plugin's options, the provider plugins (binance, kraken, coinbase unless given), their overrides, `server` and `router` config. */
export interface StreamHarnessOptions {
  stream?: Record<string, unknown>;
  providers?: string[];
  overrides?: Record<string, unknown>;
  server?: Record<string, unknown>;
  router?: Record<string, unknown>;
}

/** Starts the simulator and a gateway serving `/ws/market` with these options. */
export async function startStreamHarness(options: StreamHarnessOptions = {}): Promise<StreamHarness> {
  const gateway = await createSimulatedGateway({
    env: {},
    logger: silentLogger,
    config: {
      server: { host: '127.0.0.1', port: 0, corsOrigins: [ALLOWED_ORIGIN], ...options.server },
      plugins: [...(options.providers ?? ['binance', 'kraken', 'coinbase']), 'market-api', 'system-api', { name: 'market-stream', options: options.stream ?? {} }],
      providers: options.overrides ?? {},
      ...(options.router === undefined ? {} : { router: options.router }),
    },
  });
  await gateway.start();
  const url = `${gateway.gatewayUrl.replace('http://', 'ws://')}/ws/market`;
  return {
    gateway,
    url,
    connect: (headers = {}) => WsTestClient.connect(url, { headers }),
    metric: async (name, labels = {}) => sumOf(parsePrometheusText(await (await fetch(`${gateway.gatewayUrl}/metrics`)).text()), name, labels),
    upstreamCalls: () => Object.values(gateway.simulator.stats().calls).reduce((total, calls) => total + calls, 0),
    stop: () => gateway.stop(),
  };
}

/** Waits until `condition` holds, checking every 20 ms, for up to `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
