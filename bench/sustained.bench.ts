import { DEFAULT_TICKERS } from '../core/providers/default-tickers.js';
import { RouterStatus } from '../core/stats/router-status.js';
import { createSimulatedGateway } from '../simulator/simulated-gateway.js';
import { report } from './lib/bench-results.js';
import { runOpenLoop } from './lib/open-loop.js';

/**
 * A sustained run against the simulator: `BENCH_SUSTAINED_SECONDS` (default 120) at 50 req/s over
 * the 20 symbols, sent open-loop (at a fixed rate, whatever the answers' speed), with faults on several providers the whole time. Reports the 429s the gateway
 * received, its cache hit rate, CoinGecko's share of upstream calls, the client error rate and
 * p50/p99, from the client side, the router's stats and the simulator's own counters.
 */
const SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 120);
const RATE = Number(process.env.BENCH_RATE ?? 50);

/** Faults that stay on for the whole run: errors, slowness, wrong prices, 429 storms, resets, garbage. */
const FAULTS = {
  binance: { errorRate: 0.1 },
  kraken: { latencyMs: 800, wrongPriceRate: 0.2 },
  coinbase: { status429Rate: 0.2 },
  bitstamp: { resetRate: 0.1, garbageRate: 0.05 },
  gemini: { timeoutRate: 0.05 },
};

export async function benchSustained(): Promise<void> {
  const demo = await createSimulatedGateway({ port: 0, env: { ...process.env, LOG_LEVEL: 'error' }, simulator: { latencyMs: 30 } });
  try {
    await demo.start();
    demo.simulator.setFaults(FAULTS);
    const paths = DEFAULT_TICKERS.map((ticker) => `/api/market/price?symbol=${ticker}`);
    const load = await runOpenLoop(demo.gatewayUrl, paths, RATE, SECONDS);
    const status = await demo.app.kernel.container.get(RouterStatus).snapshot();
    const sim = demo.simulator.stats();
    const received429 = status.providers.reduce((total, provider) => total + (provider.failuresByKind.rate_limited ?? 0), 0);
    const sent429 = Object.values(sim.status429).reduce((total, count) => total + count, 0);
    const coingecko = status.providers.find((provider) => provider.id === 'coingecko');
    const server5xx = Object.entries(load.statusCodes).filter(([code]) => code.startsWith('5')).reduce((total, [, count]) => total + count, 0);
    const failed = load.transportErrors + Object.entries(load.statusCodes).filter(([code]) => code !== '200').reduce((total, [, count]) => total + count, 0);
    const figures = {
      seconds: SECONDS,
      targetRate: RATE,
      clientRequests: load.requests,
      clientErrorRatePercent: round((100 * failed) / Math.max(1, load.requests)),
      client5xx: server5xx,
      p50Ms: load.p50Ms,
      p90Ms: load.p90Ms,
      p99Ms: load.p99Ms,
      maxMs: load.maxMs,
      cacheHitRatePercent: status.totals.cacheHitRate,
      upstreamCalls: status.totals.upstreamCalls,
      status429Received: received429,
      status429SentBySimulator: sent429,
      coingeckoUpstreamSharePercent: coingecko?.upstreamShare ?? 0,
      staleServed: status.totals.staleServed,
    };
    report(
      'sustained',
      { ...figures, faults: FAULTS, statusCodes: load.statusCodes, providers: status.providers.map(({ id, state, upstreamCalls, upstreamShare, trafficShare, failuresByKind }) => ({ id, state, upstreamCalls, upstreamShare, trafficShare, failuresByKind })) },
      Object.entries(figures).map(([figure, value]) => ({ figure, value })),
    );
  } finally {
    await demo.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSustained();
