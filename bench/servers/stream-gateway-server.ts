import { readFileSync } from 'node:fs';
import { createSimulatedGateway } from '../../simulator/simulated-gateway.js';
import { reportMemoryOnSignal } from './memory-report.js';

/**
 * The gateway of `npm run demo` for the WebSocket fan-out benchmark: every built-in provider
 * against the local simulator, the market-stream plugin polling each symbol every
 * `BENCH_POLL_MS` and taking up to 20,000 sockets, and no price cache, so every poll is an
 * upstream call the simulator counts; without the sentiment plugin. Announces `LISTENING <gateway port> SIMULATOR <simulator url>`.
 */
const demo = JSON.parse(readFileSync('config/demo.json', 'utf8')) as { plugins: unknown[]; providers: Record<string, Record<string, unknown>> };
const streamOptions = { pollIntervalMs: Number(process.env.BENCH_POLL_MS ?? 1_000), maxConnections: 20_000, statusIntervalMs: 60_000 };
// The sentiment models load in the background after start: CPU the stream would compete with, for nothing it uses.
const plugins = demo.plugins.filter((plugin) => plugin !== 'ai-sentiment').map((plugin) => (plugin === 'market-stream' ? { name: 'market-stream', options: streamOptions } : plugin));
const providers = Object.fromEntries(Object.entries(demo.providers).map(([id, overrides]) => [id, { ...overrides, cacheTtlMs: { price: 0 } }]));
const gateway = await createSimulatedGateway({
  env: process.env,
  config: { server: { host: '127.0.0.1', port: 0 }, log: { level: 'warn', pretty: false }, plugins, providers },
});
const url = await gateway.start();
reportMemoryOnSignal();
process.stdout.write(`LISTENING ${new URL(url).port} SIMULATOR ${gateway.simulator.url}\n`);
process.once('SIGTERM', () => {
  void gateway.stop().then(() => process.exit(0));
});
