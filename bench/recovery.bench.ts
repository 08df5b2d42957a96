import { runOutageRecovery, type OutageRecovery } from '../simulator/outage-recovery.js';
import { createSimulatedGateway } from '../simulator/simulated-gateway.js';
import { report } from './lib/bench-results.js';

/**
 * How long clients wait for a fresh answer after an outage of every provider ends. Each round
 * starts a gateway over the simulator (loopback) with five exchange providers at their declared
 * policies (breakers open after 5 failures and wait 30 s), makes every one answer HTTP 500 until
 * its circuit opens and for 3 s more under traffic, clears the faults and asks one path every
 * 100 ms until a fresh 200: `GET /api/market/price?symbol=BTC`, and the same with `mode=consensus`.
 * Rounds interleave the paths and panic routing off (the behaviour before it: every breaker's 30 s
 * wait) and on (the default). Medians and their ratio per path; one shared 2-core machine, so
 * expect noise.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PROVIDERS = ['binance', 'coinbase', 'kraken', 'bitstamp', 'gemini'] as const;
const PRICE_PATH = '/api/market/price?symbol=BTC';
const CONSENSUS_PATH = '/api/market/price?symbol=BTC&mode=consensus';

async function round(path: string, panic: boolean): Promise<OutageRecovery> {
  const gateway = await createSimulatedGateway({
    config: { server: { port: 0, host: '127.0.0.1' }, log: { level: 'silent' }, plugins: [...PROVIDERS, 'market-api'], router: { panic: { enabled: panic } } },
  });
  await gateway.start();
  try {
    return await runOutageRecovery(gateway, { providerIds: PROVIDERS, path, maxOutageMs: 30_000, holdMs: 3_000, maxRecoveryMs: 60_000, pollMs: 100 });
  } finally {
    await gateway.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function benchRecovery(): Promise<void> {
  const runs: Array<{ path: string; panic: boolean } & OutageRecovery> = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const path of [PRICE_PATH, CONSENSUS_PATH]) for (const panic of [false, true]) runs.push({ path, panic, ...(await round(path, panic)) });
  }
  const medians = (path: string) => {
    const recoveries = (panic: boolean): number[] => runs.filter((run) => run.path === path && run.panic === panic).map((run) => run.recoveryMs ?? Number.POSITIVE_INFINITY);
    const before = median(recoveries(false));
    const after = median(recoveries(true));
    return { medianRecoveryMsWithoutPanicRouting: Math.round(before), medianRecoveryMsWithPanicRouting: Math.round(after), ratio: Math.round((before / after) * 10) / 10 };
  };
  const summary = { rounds: ROUNDS, providers: PROVIDERS, ...medians(PRICE_PATH), consensus: medians(CONSENSUS_PATH), runs };
  report(
    'recovery',
    summary,
    runs.map((run) => ({
      path: run.path,
      'panic routing': run.panic ? 'on' : 'off',
      'every circuit open': String(run.everyProviderEjected),
      'recovery ms': run.recoveryMs === undefined ? 'none in 60 s' : Math.round(run.recoveryMs),
      'refused meanwhile': run.refusedWhileRecovering,
    })),
  );
  console.log({ price: medians(PRICE_PATH), consensus: summary.consensus });
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRecovery();
