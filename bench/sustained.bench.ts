import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepMerge } from '../core/config/deep-merge.js';
import { DEFAULT_TICKERS } from '../core/providers/default-tickers.js';
import { median } from '../core/router/median.js';
import { RouterStatus } from '../core/stats/router-status.js';
import { DEMO_CONFIG_FILE, createSimulatedGateway } from '../simulator/simulated-gateway.js';
import type { SimStats } from '../simulator/sim-stats.js';
import { report } from './lib/bench-results.js';
import { runOpenLoop } from './lib/open-loop.js';

/**
 * A sustained run against the simulator: `BENCH_SUSTAINED_SECONDS` (default 120) at `BENCH_RATE`
 * (50) req/s over the 20 symbols, sent open-loop (at a fixed rate, whatever the answers' speed),
 * with faults on several providers the whole time; `BENCH_SUSTAINED_ROUNDS` (2) interleaved pairs
 * of runs, refresh ahead off then on (the default), each from a cold start. Per run: the 429s the
 * gateway received, its cache hit rate, the upstream calls and the calls per (provider, symbol) per
 * TTL counted at the simulator, CoinGecko's share of upstream calls, the client error rate and
 * p50/p99; medians over rounds per setup.
 */
const SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 120);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const ROUNDS = Number(process.env.BENCH_SUSTAINED_ROUNDS ?? 2);

/** Faults that stay on for the whole run: errors, slowness, wrong prices, 429 storms, resets, garbage. */
const FAULTS = {
  binance: { errorRate: 0.1 },
  kraken: { latencyMs: 800, wrongPriceRate: 0.2 },
  coinbase: { status429Rate: 0.2 },
  bitstamp: { resetRate: 0.1, garbageRate: 0.05 },
  gemini: { timeoutRate: 0.05 },
};

/** Simulator endpoints that answer every symbol at once: each call counts for every symbol of its provider. */
const ALL_SYMBOL_ENDPOINTS: Partial<Record<string, string>> = { bitstamp: '/ticker/', gemini: '/v1/pricefeed' };

type Figures = Record<string, number>;

async function run(refreshAhead: boolean, configDir: string): Promise<{ figures: Figures; providers: unknown[] }> {
  const config = join(configDir, `sustained-refresh-${refreshAhead ? 'on' : 'off'}.json`);
  const demo = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
  writeFileSync(config, JSON.stringify(deepMerge(demo, { router: { refreshAhead: { enabled: refreshAhead } } })));
  const gateway = await createSimulatedGateway({ port: 0, config, env: { ...process.env, LOG_LEVEL: 'error' }, simulator: { latencyMs: 30 } });
  try {
    await gateway.start();
    gateway.simulator.setFaults(FAULTS);
    // Counted from here: the market listings fetched at start are not what is measured.
    gateway.simulator.reset();
    const paths = DEFAULT_TICKERS.map((ticker) => `/api/market/price?symbol=${ticker}`);
    const load = await runOpenLoop(gateway.gatewayUrl, paths, RATE, SECONDS);
    const status = await gateway.app.kernel.container.get(RouterStatus).snapshot();
    const sim = gateway.simulator.stats();
    const ttls = Object.fromEntries(gateway.providers().map((provider) => [provider.id, provider.declaration.cacheTtlMs.price ?? 0]));
    const perPair = callsPerPairPerTtl(sim, ttls);
    const failed = load.transportErrors + Object.entries(load.statusCodes).filter(([code]) => code !== '200').reduce((total, [, count]) => total + count, 0);
    const figures: Figures = {
      clientRequests: load.requests,
      clientErrorRatePercent: round((100 * failed) / Math.max(1, load.requests)),
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      maxMs: load.maxMs,
      cacheHitRatePercent: status.totals.cacheHitRate,
      upstreamCalls: status.totals.upstreamCalls,
      maxCallsPerProviderSymbolPerTtl: round(Math.max(0, ...perPair)),
      medianCallsPerProviderSymbolPerTtl: perPair.length === 0 ? 0 : round(median(perPair)),
      status429Received: status.providers.reduce((total, provider) => total + (provider.failuresByKind.rate_limited ?? 0), 0),
      coingeckoUpstreamSharePercent: status.providers.find((provider) => provider.id === 'coingecko')?.upstreamShare ?? 0,
      staleServed: status.totals.staleServed,
    };
    const providers = status.providers.map(({ id, state, upstreamCalls, upstreamShare, trafficShare, failuresByKind }) => ({ id, state, upstreamCalls, upstreamShare, trafficShare, failuresByKind }));
    return { figures, providers };
  } finally {
    await gateway.stop();
  }
}

/**
 * Upstream calls that asked each (provider, symbol) the simulator saw (a call for every symbol counts
 * for each), per TTL-long window of the run: calls / ceil(run / TTL).
 */
function callsPerPairPerTtl(sim: SimStats, ttls: Record<string, number>): number[] {
  const ratios: number[] = [];
  for (const [id, bySymbol] of Object.entries(sim.symbols)) {
    const ttlMs = ttls[id] ?? 0;
    if (ttlMs <= 0) continue;
    const endpoint = ALL_SYMBOL_ENDPOINTS[id];
    const allAtOnce = endpoint === undefined ? 0 : (sim.endpoints[id as keyof SimStats['endpoints']][endpoint] ?? 0);
    const ttlsInRun = Math.ceil((SECONDS * 1000) / ttlMs);
    const counts = Object.values(bySymbol);
    if (counts.length === 0 && allAtOnce > 0) ratios.push(allAtOnce / ttlsInRun);
    for (const count of counts) ratios.push((count + allAtOnce) / ttlsInRun);
  }
  return ratios;
}

export async function benchSustained(): Promise<void> {
  const configDir = mkdtempSync(join(tmpdir(), 'bench-sustained-'));
  const runs: Record<'off' | 'on', Figures[]> = { off: [], on: [] };
  let lastProviders: unknown[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const setup of ['off', 'on'] as const) {
        const { figures, providers } = await run(setup === 'on', configDir);
        runs[setup].push(figures);
        if (setup === 'on') lastProviders = providers;
        console.log(`round ${round + 1} refresh ahead ${setup}: hit rate ${figures.cacheHitRatePercent} %, ${figures.upstreamCalls} upstream calls, p99 ${figures.p99Ms} ms`);
      }
    }
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
  const names = Object.keys(runs.on[0] ?? {});
  const rows = names.map((figure) => {
    const off = round(median(runs.off.map((figures) => figures[figure]!)));
    const on = round(median(runs.on.map((figures) => figures[figure]!)));
    return { figure, refreshAheadOff: off, refreshAheadOn: on, onOverOff: off === 0 ? '-' : round(on / off) };
  });
  report('sustained', { seconds: SECONDS, targetRate: RATE, rounds: ROUNDS, faults: FAULTS, runs, providersLastRunOn: lastProviders }, rows);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSustained();
