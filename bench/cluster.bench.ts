import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { DEFAULT_TICKERS } from '../core/providers/default-tickers.js';
import { createSimulatedGateway, DEMO_CONFIG_FILE, type SimulatedGateway } from '../simulator/simulated-gateway.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../simulator/upstream-simulator.js';
import { report } from './lib/bench-results.js';
import { runOpenLoop, type OpenLoopFigures } from './lib/open-loop.js';

/**
 * One replica against three replicas on Redis, under the sustained load (`BENCH_RATE`, default
 * 50 req/s open-loop over the 20 symbols, with the sustained benchmark's faults), against one
 * simulator, in one run: `BENCH_CLUSTER_ROUNDS` (default 3) rounds of `BENCH_CLUSTER_SECONDS`
 * (default 20) per setup, interleaved, each from a cold cache. A third setup, three replicas
 * without Redis, is the control. Reports per setup the medians over rounds of the upstream calls
 * the simulator received, p50/p99 and the error rate, and the ratios to one replica. Needs the
 * Redis at `BENCH_REDIS_URL` (default redis://127.0.0.1:6379); keys go under a fresh prefix,
 * deleted at the end.
 */
const SECONDS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 3);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const FAULTS = {
  binance: { errorRate: 0.1 },
  kraken: { latencyMs: 800, wrongPriceRate: 0.2 },
  coinbase: { status429Rate: 0.2 },
  bitstamp: { resetRate: 0.1, garbageRate: 0.05 },
  gemini: { timeoutRate: 0.05 },
};

interface Setup {
  name: string;
  replicas: number;
  redis: boolean;
}

const SETUPS: Setup[] = [
  { name: '1 replica', replicas: 1, redis: false },
  { name: '3 replicas on Redis', replicas: 3, redis: true },
  { name: '3 replicas, no Redis (control)', replicas: 3, redis: false },
];

interface RoundFigures extends OpenLoopFigures {
  upstreamCalls: number;
  errorRatePercent: number;
}

export async function benchCluster(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'cds-cluster-bench-'));
  const keyPrefix = `cds-bench-${randomBytes(4).toString('hex')}`;
  const simulator = await startUpstreamSimulator({ latencyMs: 30 });
  const figures = new Map<string, RoundFigures[]>(SETUPS.map((setup) => [setup.name, []]));
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const setup of SETUPS) {
        const overlay = join(folder, `${round}-${setup.replicas}-${setup.redis}.json`);
        figures.get(setup.name)!.push(await runSetup(simulator, setup, overlay, `${keyPrefix}-${round}`));
      }
    }
  } finally {
    await simulator.close();
    rmSync(folder, { recursive: true, force: true });
    await deleteKeys(keyPrefix);
  }
  const baseline = summarize(figures.get(SETUPS[0]!.name)!);
  const rows = SETUPS.map((setup) => {
    const summary = summarize(figures.get(setup.name)!);
    return {
      setup: setup.name,
      upstreamCalls: summary.upstreamCalls,
      upstreamVsOne: round2(summary.upstreamCalls / Math.max(1, baseline.upstreamCalls)),
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      p99VsOne: round2(summary.p99Ms / Math.max(0.1, baseline.p99Ms)),
      errorRatePercent: summary.errorRatePercent,
    };
  });
  report('cluster', { seconds: SECONDS, rounds: ROUNDS, targetRate: RATE, faults: FAULTS, perRound: Object.fromEntries(figures) }, rows);
}

/** One setup from a cold start: the replicas, the load spread over them, the simulator's count. */
async function runSetup(simulator: UpstreamSimulator, setup: Setup, overlay: string, keyPrefix: string): Promise<RoundFigures> {
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
  const replicas: SimulatedGateway[] = [];
  simulator.reset();
  simulator.setFaults(FAULTS);
  try {
    for (let index = 0; index < setup.replicas; index += 1) {
      writeFileSync(overlay, JSON.stringify({ ...demo, log: { level: 'error' }, ...(setup.redis ? { cluster: { redisUrl: REDIS_URL, keyPrefix, replicaId: `bench-${index}` } } : {}) }));
      const replica = await createSimulatedGateway({ upstream: simulator, config: overlay, port: 0, env: { ...process.env, LOG_LEVEL: 'error' } });
      await replica.start();
      replicas.push(replica);
    }
    // Every symbol asked of every replica in turn, as a load balancer spreading requests would.
    const urls = Array.from({ length: DEFAULT_TICKERS.length * replicas.length }, (_, index) => {
      const replica = replicas[(index + Math.floor(index / DEFAULT_TICKERS.length)) % replicas.length]!;
      return `${replica.gatewayUrl}/api/market/price?symbol=${DEFAULT_TICKERS[index % DEFAULT_TICKERS.length]!}`;
    });
    const load = await runOpenLoop('', urls, RATE, SECONDS);
    const upstreamCalls = Object.values(simulator.stats().calls).reduce((total, calls) => total + calls, 0);
    const failed = load.transportErrors + Object.entries(load.statusCodes).filter(([code]) => code !== '200').reduce((total, [, count]) => total + count, 0);
    return { ...load, upstreamCalls, errorRatePercent: round2((100 * failed) / Math.max(1, load.requests)) };
  } finally {
    await Promise.allSettled(replicas.map((replica) => replica.stop()));
  }
}

function summarize(rounds: readonly RoundFigures[]): { upstreamCalls: number; p50Ms: number; p99Ms: number; errorRatePercent: number } {
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  return {
    upstreamCalls: median(rounds.map((figures) => figures.upstreamCalls)),
    p50Ms: median(rounds.map((figures) => figures.p50Ms)),
    p99Ms: median(rounds.map((figures) => figures.p99Ms)),
    errorRatePercent: median(rounds.map((figures) => figures.errorRatePercent)),
  };
}

async function deleteKeys(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCluster();
