import { DEFAULT_TICKERS } from '../core/providers/default-tickers.js';
import { report } from './lib/bench-results.js';
import { startChildServer } from './lib/child-server.js';
import { runLoad, type LoadFigures } from './lib/load.js';

/**
 * What one `GET /api/system/status` costs. The gateway (as `npm run demo`) runs in its own process
 * and is warmed with price traffic over the 20 symbols, so every section has real figures. Then,
 * interleaved in one run: `/healthz` and `/api/system/status` one request at a time (the
 * difference is the cost of assembling the status), and cached price traffic at full speed alone
 * and with the status polled 5 times a second (a drawer polls far less), to see what polling
 * takes from the traffic it reports on.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PRICE_PATHS = DEFAULT_TICKERS.map((ticker) => `/api/market/price?symbol=${ticker}`);

interface Figures {
  healthz: LoadFigures[];
  status: LoadFigures[];
  priceAlone: LoadFigures[];
  priceWithPolling: LoadFigures[];
  statusUnderLoad: LoadFigures[];
}

const mean = (runs: LoadFigures[], pick: (figures: LoadFigures) => number): number => Math.round((runs.reduce((total, run) => total + pick(run), 0) / runs.length) * 100) / 100;

export async function benchSystemStatus(): Promise<void> {
  const gateway = await startChildServer('gateway-server.ts');
  const figures: Figures = { healthz: [], status: [], priceAlone: [], priceWithPolling: [], statusUnderLoad: [] };
  try {
    await runLoad({ url: gateway.url, paths: PRICE_PATHS, seconds: 3, connections: 10 });
    for (let round = 0; round < ROUNDS; round += 1) {
      figures.healthz.push(await runLoad({ url: gateway.url, paths: ['/healthz'], seconds: SECONDS, connections: 1 }));
      figures.status.push(await runLoad({ url: gateway.url, paths: ['/api/system/status'], seconds: SECONDS, connections: 1 }));
      figures.priceAlone.push(await runLoad({ url: gateway.url, paths: PRICE_PATHS, seconds: SECONDS, connections: 50 }));
      const [price, status] = await Promise.all([
        runLoad({ url: gateway.url, paths: PRICE_PATHS, seconds: SECONDS, connections: 50 }),
        runLoad({ url: gateway.url, paths: ['/api/system/status'], seconds: SECONDS, connections: 1, rate: 5 }),
      ]);
      figures.priceWithPolling.push(price);
      figures.statusUnderLoad.push(status);
    }
  } finally {
    await gateway.stop();
  }
  const perCallMs = (runs: LoadFigures[]): number => mean(runs, (run) => (run.requestsPerSecond === 0 ? 0 : 1000 / run.requestsPerSecond));
  const summary = {
    seconds: SECONDS,
    rounds: ROUNDS,
    healthzMsPerCall: perCallMs(figures.healthz),
    statusMsPerCall: perCallMs(figures.status),
    statusAssemblyMs: Math.round((perCallMs(figures.status) - perCallMs(figures.healthz)) * 100) / 100,
    statusP99MsUnderLoad: mean(figures.statusUnderLoad, (run) => run.p99Ms),
    priceReqPerSecondAlone: mean(figures.priceAlone, (run) => run.requestsPerSecond),
    priceReqPerSecondWithPolling: mean(figures.priceWithPolling, (run) => run.requestsPerSecond),
  };
  const row = (name: string, runs: LoadFigures[]): Record<string, string | number> => ({
    load: name,
    'req/s': mean(runs, (run) => run.requestsPerSecond),
    'p50 ms': mean(runs, (run) => run.p50Ms),
    'p99 ms': mean(runs, (run) => run.p99Ms),
    non2xx: runs.reduce((total, run) => total + run.non2xx, 0),
    errors: runs.reduce((total, run) => total + run.errors, 0),
  });
  report('system-status', { ...summary, runs: figures }, [
    row('/healthz, 1 connection', figures.healthz),
    row('/api/system/status, 1 connection', figures.status),
    row('cached prices, 50 connections', figures.priceAlone),
    row('cached prices, 50 connections, status polled 5/s', figures.priceWithPolling),
    row('/api/system/status at 5/s under that load', figures.statusUnderLoad),
  ]);
  console.log(summary);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSystemStatus();
