import { startUpstreamSimulator } from './upstream-simulator.js';
import { SIM_PROVIDER_IDS } from './sim-provider-id.js';

/**
 * `npm run sim`: the upstream simulator on its own, on SIM_PORT (default 7861), with SIM_SEED and
 * SIM_LATENCY_MS optional; stops on SIGINT/SIGTERM.
 */
const port = Number(process.env.SIM_PORT ?? 7861);
const seed = Number(process.env.SIM_SEED ?? 1);
const latencyMs = Number(process.env.SIM_LATENCY_MS ?? 0);
for (const [name, value] of Object.entries({ SIM_PORT: port, SIM_SEED: seed, SIM_LATENCY_MS: latencyMs })) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`upstream simulator: ${name} must be a non-negative integer, got "${process.env[name] ?? ''}"`);
    process.exit(1);
  }
}

const simulator = await startUpstreamSimulator({ port, seed, latencyMs });
console.log(`upstream simulator listening on ${simulator.url}`);
for (const id of SIM_PROVIDER_IDS) console.log(`  ${id.padEnd(15)} ${simulator.baseUrlOf(id)}`);
console.log(`  faults: POST ${simulator.url}/__sim/faults   stats: GET ${simulator.url}/__sim/stats`);

const stop = (signal: string): void => {
  console.log(`upstream simulator: ${signal}, closing`);
  void simulator.close().then(() => process.exit(0));
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
