import type { UpstreamSimulator } from '../../simulator/upstream-simulator.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import type { Logger } from '../../core/logging/logger.js';
import { silentLogger } from './test-app.js';

/** How to build replicas of one cluster against one simulator. */
export interface ReplicaOptions {
  upstream: UpstreamSimulator;
  /** Plugins besides `cluster` (listed last, after market-stream), e.g. `['binance', 'market-api']`. */
  plugins: unknown[];
  /** The `cluster` section; without `redisUrl` the replicas share nothing. */
  cluster?: Record<string, unknown>;
  /** `providers` overrides. */
  providers?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** `count` started gateways (replicas `r0`, `r1`...) against one running simulator; stop them with stopReplicas. */
export async function startReplicas(count: number, options: ReplicaOptions): Promise<SimulatedGateway[]> {
  const replicas: SimulatedGateway[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const cluster = options.cluster === undefined ? {} : { cluster: { ...options.cluster, replicaId: `r${index}` } };
      const gateway = await createSimulatedGateway({
        upstream: options.upstream,
        env: options.env ?? {},
        logger: options.logger ?? silentLogger,
        // Counted at the simulator: replicas fetch no market listings (each would list at start).
        config: { server: { port: 0, host: '127.0.0.1' }, log: { level: 'silent' }, plugins: [...options.plugins, 'cluster'], providers: options.providers ?? {}, markets: { discovery: false }, ...cluster },
      });
      await gateway.start();
      replicas.push(gateway);
    }
    return replicas;
  } catch (error) {
    await stopReplicas(replicas);
    throw error;
  }
}

export async function stopReplicas(replicas: readonly SimulatedGateway[]): Promise<void> {
  await Promise.allSettled(replicas.map((replica) => replica.stop()));
}

/** Total upstream calls the simulator received, over every provider. */
export function upstreamCalls(simulator: UpstreamSimulator): number {
  return Object.values(simulator.stats().calls).reduce((total, calls) => total + calls, 0);
}

/** GETs `path` on the replica; status and decoded body. */
export async function getJson(replica: SimulatedGateway, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${replica.gatewayUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
