import { report } from './lib/bench-results.js';
import { startChildServer, type ChildServer } from './lib/child-server.js';
import { runLoad, type LoadFigures } from './lib/load.js';

/**
 * Cached price throughput and latency next to a bare Koa JSON endpoint: both servers run as their
 * own Node process started the same way, loaded by the same autocannon settings in the same run.
 * The gateway's answers rotate across providers as usual; after the warm-up every provider holds
 * a fresh BTC answer, so the figures are those of cache hits (with the occasional refresh).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function measure(server: ChildServer, path: string): Promise<LoadFigures> {
  await runLoad({ url: server.url, paths: [path], seconds: 2, connections: CONNECTIONS });
  return runLoad({ url: server.url, paths: [path], seconds: SECONDS, connections: CONNECTIONS });
}

export async function benchCachedPrice(): Promise<void> {
  const bare = await startChildServer('bare-koa-server.ts');
  const bareFigures = await measure(bare, '/').finally(() => bare.stop());
  const gateway = await startChildServer('gateway-server.ts');
  const gatewayFigures = await measure(gateway, '/api/market/price?symbol=BTC').finally(() => gateway.stop());
  const ratio = Math.round((gatewayFigures.requestsPerSecond / bareFigures.requestsPerSecond) * 1000) / 1000;
  const row = (name: string, figures: LoadFigures): Record<string, string | number> => ({
    server: name,
    'req/s': figures.requestsPerSecond,
    'p50 ms': figures.p50Ms,
    'p99 ms': figures.p99Ms,
    requests: figures.requests,
    non2xx: figures.non2xx,
    errors: figures.errors,
  });
  report(
    'cached-price',
    { seconds: SECONDS, connections: CONNECTIONS, throughputRatio: ratio, gateway: gatewayFigures, bareKoa: bareFigures },
    [row('bare Koa JSON', bareFigures), row('gateway cached price', gatewayFigures), { server: 'ratio gateway / bare', 'req/s': ratio, 'p50 ms': '', 'p99 ms': '', requests: '', non2xx: '', errors: '' }],
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCachedPrice();
