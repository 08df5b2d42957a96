import { createSimulatedGateway } from '../../simulator/simulated-gateway.js';

/**
 * The gateway as `npm run demo` runs it (every built-in provider against the local simulator),
 * on free ports, for the benchmarks. Logs at `warn` so the figures measure serving, not logging.
 */
const demo = await createSimulatedGateway({ port: 0, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
process.stdout.write(`LISTENING ${new URL(await demo.start()).port}\n`);
process.once('SIGTERM', () => {
  void demo.stop().then(() => process.exit(0));
});
