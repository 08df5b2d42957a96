import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { report } from './lib/bench-results.js';
import { buildBenchServers, startChildServer, type ChildServer } from './lib/child-server.js';
import { runLoad, type LoadFigures, type LoadPlan } from './lib/load.js';
import { cpuMicros, residentMemory } from './lib/process-usage.js';
import { runWrk, wrkInstalled } from './lib/wrk-load.js';

/**
 * Cached price and ticker next to a bare Koa JSON endpoint, as issue 12 measures them: both
 * servers built to JS, each in its own Node process, the gateway with the default config (log
 * level info as JSON lines, security headers, CORS, request ids) against the simulator. After a
 * warm-up, runs alternate bare, gateway, bare, gateway... (`BENCH_PAIRS` pairs per path, default 5)
 * with the same autocannon settings; each run records req/s, p99, the server's CPU µs per request
 * (from /proc) and, for the gateway, its upstream calls and cache hit rate (from /metrics). Then
 * `BENCH_MEMORY_SECONDS` (default 60) of cached load, and the gateway's RSS after it; and the CPU
 * one access line costs (bench/servers/access-line-cost.ts, its lines sent to /dev/null).
 *
 * The load generator is autocannon, in this process (`BENCH_LOADER=autocannon`, the default), or
 * wrk (`BENCH_LOADER=wrk`, Debian's package `wrk`; results in cached-price-wrk.json). Both share
 * the machine's cores with the servers; autocannon parses answers in JavaScript, so the gateway's
 * longer header block (the security headers) costs it more per answer than bare Koa's
 * (`clientCpuMicrosPerRequest`), which lowers the gateway's figure on a small machine; wrk's cost
 * per answer is a fraction of that, so its ratio is closer to the servers' own.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5);
const MEMORY_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 60);
/** The gateway's log level: info, the default, unless `BENCH_LOG_LEVEL` says otherwise (to see what logging costs). */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const LOADER = process.env.BENCH_LOADER ?? 'autocannon';
if (LOADER !== 'autocannon' && LOADER !== 'wrk') throw new Error(`BENCH_LOADER must be autocannon or wrk, got "${LOADER}"`);
const load: (plan: LoadPlan) => Promise<LoadFigures> = LOADER === 'wrk' ? runWrk : runLoad;
const PATHS = { price: '/api/market/price?symbol=BTC', ticker: '/api/market/ticker?symbol=BTC' } as const;

/** One measured run. */
interface Run {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  /** The load generator's own CPU per request, when it runs in this process (autocannon). */
  clientCpuMicrosPerRequest: number | undefined;
  non2xx: number;
  errors: number;
}

/** What the gateway's /metrics say so far: upstream calls and the router's requests, cached ones apart. */
interface GatewayCounters {
  upstreamCalls: number;
  routed: number;
  cached: number;
}

async function counters(gateway: ChildServer, capability: string): Promise<GatewayCounters> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const sum = (pattern: RegExp): number => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return {
    upstreamCalls: sum(/^crypto_datasource_upstream_request_duration_seconds_count\{[^}]*\} (\d+)/gm),
    routed: sum(new RegExp(`^crypto_datasource_router_request_duration_seconds_count\\{capability="${capability}",[^}]*\\} (\\d+)`, 'gm')),
    cached: sum(new RegExp(`^crypto_datasource_router_request_duration_seconds_count\\{capability="${capability}",result="cached"\\} (\\d+)`, 'gm')),
  };
}

async function measure(server: ChildServer, path: string, seconds = SECONDS): Promise<Run> {
  const cpuBefore = cpuMicros(server.process.pid!);
  const clientBefore = process.cpuUsage();
  const figures: LoadFigures = await load({ url: server.url, paths: [path], seconds, connections: CONNECTIONS });
  const cpu = cpuMicros(server.process.pid!) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const { requestsPerSecond, p50Ms, p99Ms, non2xx, errors, requests } = figures;
  const perRequest = (micros: number): number => round(micros / Math.max(1, requests), 1);
  const clientCpuMicrosPerRequest = LOADER === 'autocannon' ? perRequest(client.user + client.system) : undefined;
  return { requestsPerSecond, p50Ms, p99Ms, cpuMicrosPerRequest: perRequest(cpu), clientCpuMicrosPerRequest, non2xx, errors };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function medians(runs: readonly Run[]): Record<string, number> {
  const of = (pick: (run: Run) => number): number => round(median(runs.map(pick)), 1);
  const client: Record<string, number> = LOADER === 'autocannon' ? { medianClientCpuMicrosPerRequest: of((run) => run.clientCpuMicrosPerRequest ?? 0) } : {};
  return { medianRequestsPerSecond: of((run) => run.requestsPerSecond), medianP99Ms: of((run) => run.p99Ms), medianCpuMicrosPerRequest: of((run) => run.cpuMicrosPerRequest), ...client };
}

/** Bare and gateway runs of one path, interleaved, and what they add up to. */
async function comparePath(bare: ChildServer, gateway: ChildServer, capability: keyof typeof PATHS): Promise<Record<string, unknown>> {
  const path = PATHS[capability];
  const bareRuns: Run[] = [];
  const gatewayRuns: Run[] = [];
  const before = await counters(gateway, capability);
  for (let pair = 0; pair < PAIRS; pair += 1) {
    bareRuns.push(await measure(bare, '/'));
    gatewayRuns.push(await measure(gateway, path));
  }
  const after = await counters(gateway, capability);
  const ratios = bareRuns.map((run, index) => gatewayRuns[index]!.requestsPerSecond / run.requestsPerSecond);
  const routed = after.routed - before.routed;
  return {
    path,
    pairs: PAIRS,
    medianThroughputRatio: round(median(ratios)),
    throughputRatioSpread: { min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
    p99Ratio: round(median(gatewayRuns.map((run) => run.p99Ms)) / Math.max(0.001, median(bareRuns.map((run) => run.p99Ms)))),
    bare: medians(bareRuns),
    gateway: medians(gatewayRuns),
    upstreamCalls: after.upstreamCalls - before.upstreamCalls,
    routedRequests: routed,
    cacheHitRatePercent: round((100 * (after.cached - before.cached)) / Math.max(1, routed), 2),
    runs: { bare: bareRuns, gateway: gatewayRuns },
  };
}

/** µs of CPU per `request` line, measured in its own process. */
function accessLineCost(): number {
  const script = fileURLToPath(new URL('../dist-bench/bench/servers/access-line-cost.js', import.meta.url));
  const run = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const line = /ACCESS_LINE (\{.*\})/.exec(run.stderr ?? '');
  if (run.status !== 0 || line === null) throw new Error(`access-line-cost failed (exit ${run.status}): ${run.stderr}`);
  return (JSON.parse(line[1]!) as { cpuMicrosPerLine: number }).cpuMicrosPerLine;
}

export async function benchCachedPrice(): Promise<void> {
  if (LOADER === 'wrk' && !wrkInstalled()) throw new Error('BENCH_LOADER=wrk needs wrk on the PATH (apt-get install -y wrk)');
  buildBenchServers();
  const bare = await startChildServer('bare-koa-server.ts', {}, [], true);
  const gateway = await startChildServer('gateway-server.ts', { CONFIG: 'config/default.json', LOG_LEVEL: LOG_LEVEL }, [], true);
  try {
    const loadBefore = loadavg().map((value) => round(value, 2));
    for (const path of Object.values(PATHS)) await load({ url: gateway.url, paths: [path], seconds: 2, connections: CONNECTIONS });
    await load({ url: bare.url, paths: ['/'], seconds: 2, connections: CONNECTIONS });
    const price = await comparePath(bare, gateway, 'price');
    const ticker = await comparePath(bare, gateway, 'ticker');
    const memoryLoad = MEMORY_SECONDS > 0 ? await measure(gateway, PATHS.price, MEMORY_SECONDS) : undefined;
    const memory = { afterSeconds: MEMORY_SECONDS, ...residentMemory(gateway.process.pid!), requestsPerSecond: memoryLoad?.requestsPerSecond };
    const accessLineCpuMicros = accessLineCost();
    const loadAfter = loadavg().map((value) => round(value, 2));
    const row = (name: string, figures: Record<string, unknown>): Record<string, string | number> => {
      const { bare: bareFigures, gateway: gatewayFigures } = figures as Record<'bare' | 'gateway', Record<string, number>>;
      return {
        path: name,
        'ratio (median)': figures.medianThroughputRatio as number,
        'ratio min..max': `${(figures.throughputRatioSpread as { min: number }).min}..${(figures.throughputRatioSpread as { max: number }).max}`,
        'p99 ratio': figures.p99Ratio as number,
        'bare req/s': bareFigures.medianRequestsPerSecond!,
        'gateway req/s': gatewayFigures.medianRequestsPerSecond!,
        'bare µs CPU/req': bareFigures.medianCpuMicrosPerRequest!,
        'gateway µs CPU/req': gatewayFigures.medianCpuMicrosPerRequest!,
        'upstream calls': figures.upstreamCalls as number,
        'hit rate %': figures.cacheHitRatePercent as number,
      };
    };
    report(
      LOADER === 'wrk' ? 'cached-price-wrk' : 'cached-price',
      { loader: LOADER, seconds: SECONDS, connections: CONNECTIONS, pairs: PAIRS, logLevel: LOG_LEVEL, config: 'config/default.json', loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, price, ticker, memory, accessLineCpuMicros },
      [row('price', price), row('ticker', ticker)],
    );
    console.log(`gateway RSS after ${MEMORY_SECONDS} s of cached load: ${memory.rssMiB} MiB (peak ${memory.peakRssMiB} MiB); one access line: ${accessLineCpuMicros} µs CPU`);
    console.log(`load average (1, 5, 15 min) ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`);
  } finally {
    await Promise.all([bare.stop(), gateway.stop()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCachedPrice();
