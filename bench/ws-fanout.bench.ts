import { Worker } from 'node:worker_threads';
import { DEFAULT_TICKERS } from '../core/providers/default-tickers.js';
import { report } from './lib/bench-results.js';
import { startChildServer, type ChildServer } from './lib/child-server.js';
import { cpuMicros } from './lib/process-usage.js';
import type { WsWorkerMessage, WsWorkerPlan } from './lib/ws-client-worker.js';

/**
 * WebSocket fan-out: 1,000 and 5,000 clients on one symbol and spread over the 20 default
 * symbols (each client subscribes to one), against the gateway's `/ws/market` (every built-in
 * provider on the simulator, no price cache so every poll is an upstream call) and a bare `ws`
 * broadcast server speaking the same frames, interleaved in the same run; plus one client per
 * symbol on the gateway, the upstream cost to compare with. Clients run in worker threads. For
 * each run: broadcast latency (the client's receive time minus the frame's `sentAt`, same machine
 * clock) p50/p99 over every frame of the window, server memory per connection (after GC, before
 * and after connecting), and, for the gateway, the mean send loop of one price (its histogram),
 * router polls and upstream calls per interval, counted at the simulator, and the server's CPU time
 * (user + system: the kernel's TCP work is most of it) per frame delivered, the floor a single
 * process cannot go below. The machine's 2 cores are shared by the server, the harness and other
 * work: expect noise.
 */
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CLIENT_COUNTS = (process.env.BENCH_CLIENTS ?? '1000,5000').split(',').map(Number);
const SYMBOLS_20 = DEFAULT_TICKERS.slice(0, 20);

/** Node 20's workers do not inherit tsx's loader: each registers it, then imports the TypeScript worker. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./lib/ws-client-worker.ts', import.meta.url).href)}); });`;

type ServerKind = 'gateway' | 'bare-ws';

interface Scenario {
  server: ServerKind;
  clients: number;
  symbols: 1 | 20;
}

interface RunFigures extends Scenario {
  round: number;
  frames: number;
  framesExpected: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssBytesPerConnection: number;
  heapBytesPerConnection: number;
  connectFailures: number;
  closedEarly: number;
  /** Router polls per interval per symbol (gateway only). */
  pollsPerIntervalPerSymbol: number | null;
  /** Upstream calls per interval, all symbols, counted at the simulator (gateway only). */
  upstreamCallsPerInterval: number | null;
  /** Mean duration of one price's send loop, from the gateway's histogram (gateway only). */
  sendLoopMs: number | null;
  /** The server's CPU time (user + system, so the kernel's TCP work too) per frame the clients received. */
  serverCpuMicrosPerFrame: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Signals the server and reads the `MEMORY` line it prints. */
function serverMemory(server: ChildServer): Promise<{ rss: number; heapUsed: number }> {
  return new Promise((resolve) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const match = /MEMORY (\{.*\})\n/.exec(buffered);
      if (match === null) return;
      server.process.stdout!.off('data', onData);
      resolve(JSON.parse(match[1]!) as { rss: number; heapUsed: number });
    };
    server.process.stdout!.on('data', onData);
    server.process.kill('SIGUSR2');
  });
}

/** The worker threads holding the clients, and how to drive them. */
class ClientHarness {
  private constructor(private readonly workers: Worker[]) {}

  static async open(url: string, subscriptions: string[][]): Promise<{ harness: ClientHarness; failed: number }> {
    const shares = Array.from({ length: Math.min(WORKERS, subscriptions.length) }, (_, worker) => subscriptions.filter((_, index) => index % WORKERS === worker));
    const workers = shares.map((share) => new Worker(WORKER_BOOT, { eval: true, workerData: { url, subscriptions: share, concurrency: 250 } satisfies WsWorkerPlan }));
    const ready = await Promise.all(workers.map((worker) => next(worker, 'ready')));
    return { harness: new ClientHarness(workers), failed: ready.reduce((total, message) => total + (message.type === 'ready' ? message.failed : 0), 0) };
  }

  record(): void {
    for (const worker of this.workers) worker.postMessage({ type: 'record' });
  }

  async report(): Promise<{ latencies: Float64Array; frames: number; closedEarly: number }> {
    const reports = await Promise.all(this.workers.map((worker) => {
      const answer = next(worker, 'report');
      worker.postMessage({ type: 'report' });
      return answer;
    }));
    const all: number[] = [];
    let closedEarly = 0;
    for (const message of reports) {
      if (message.type !== 'report') continue;
      for (const latency of message.latenciesMs) all.push(latency);
      closedEarly += message.closedEarly;
    }
    return { latencies: Float64Array.from(all).sort(), frames: all.length, closedEarly };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => {
      const closed = next(worker, 'closed');
      worker.postMessage({ type: 'close' });
      return closed;
    }));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function next(worker: Worker, type: WsWorkerMessage['type']): Promise<WsWorkerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WsWorkerMessage): void => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(message);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
}

/** The gateway's price send-loop histogram: total seconds and broadcasts. */
async function sendLoop(url: string): Promise<{ sum: number; count: number }> {
  return {
    sum: await metricSum(url, 'crypto_datasource_ws_price_broadcast_duration_seconds_sum'),
    count: await metricSum(url, 'crypto_datasource_ws_price_broadcast_duration_seconds_count'),
  };
}

async function upstreamCalls(simulatorUrl: string): Promise<number> {
  const stats = (await (await fetch(`${simulatorUrl}/__sim/stats`)).json()) as { calls: Record<string, number> };
  return Object.values(stats.calls).reduce((total, calls) => total + calls, 0);
}

async function run(server: ChildServer, scenario: Scenario, round: number): Promise<RunFigures> {
  const wsUrl = `${server.url.replace('http://', 'ws://')}${scenario.server === 'gateway' ? '/ws/market' : '/'}`;
  const simulatorUrl = /SIMULATOR (\S+)/.exec(server.banner)?.[1];
  const symbols = scenario.symbols === 1 ? ['BTC'] : SYMBOLS_20;
  const before = await serverMemory(server);
  const { harness, failed } = await ClientHarness.open(wsUrl, Array.from({ length: scenario.clients }, (_, index) => [symbols[index % symbols.length]!]));
  try {
    const after = await serverMemory(server);
    const pollsBefore = simulatorUrl === undefined ? 0 : await metricSum(server.url, 'crypto_datasource_ws_polls_total');
    const loopBefore = simulatorUrl === undefined ? undefined : await sendLoop(server.url);
    const callsBefore = simulatorUrl === undefined ? 0 : await upstreamCalls(simulatorUrl);
    const cpuBefore = cpuMicros(server.process.pid!);
    harness.record();
    await sleep(WINDOW_MS);
    const { latencies, frames, closedEarly } = await harness.report();
    const cpuAfter = cpuMicros(server.process.pid!);
    const intervals = WINDOW_MS / POLL_MS;
    const polls = simulatorUrl === undefined ? null : (await metricSum(server.url, 'crypto_datasource_ws_polls_total')) - pollsBefore;
    const calls = simulatorUrl === undefined ? null : (await upstreamCalls(simulatorUrl)) - callsBefore;
    const loopAfter = loopBefore === undefined ? undefined : await sendLoop(server.url);
    const perConnection = (bytes: number): number => Math.round(bytes / scenario.clients);
    return {
      ...scenario,
      round,
      frames,
      framesExpected: Math.round(scenario.clients * intervals),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.length === 0 ? Number.NaN : latencies[latencies.length - 1]!,
      rssBytesPerConnection: perConnection(after.rss - before.rss),
      heapBytesPerConnection: perConnection(after.heapUsed - before.heapUsed),
      connectFailures: failed,
      closedEarly,
      pollsPerIntervalPerSymbol: polls === null ? null : Math.round((polls / intervals / symbols.length) * 100) / 100,
      upstreamCallsPerInterval: calls === null ? null : Math.round((calls / intervals) * 100) / 100,
      serverCpuMicrosPerFrame: frames === 0 ? Number.NaN : Math.round(((cpuAfter - cpuBefore) / frames) * 100) / 100,
      sendLoopMs: loopBefore === undefined || loopAfter === undefined || loopAfter.count === loopBefore.count ? null : Math.round(((loopAfter.sum - loopBefore.sum) / (loopAfter.count - loopBefore.count)) * 10_000) / 10,
    };
  } finally {
    await harness.close();
    // Let the server see every close before the next run.
    await sleep(1_000);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function benchWsFanout(): Promise<void> {
  const env = { BENCH_POLL_MS: String(POLL_MS) };
  const gateway = await startChildServer('stream-gateway-server.ts', env, ['--expose-gc']);
  const bare = await startChildServer('bare-ws-server.ts', env, ['--expose-gc']);
  const runs: RunFigures[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const symbols of [1, 20] as const) {
        // The upstream cost of one client per symbol, to compare with thousands.
        runs.push(await run(gateway, { server: 'gateway', clients: symbols, symbols }, round));
        for (const clients of CLIENT_COUNTS) {
          // Interleaved, alternating which goes first.
          const order: ServerKind[] = round % 2 === 0 ? ['gateway', 'bare-ws'] : ['bare-ws', 'gateway'];
          for (const server of order) runs.push(await run(server === 'gateway' ? gateway : bare, { server, clients, symbols }, round));
        }
      }
    }
  } finally {
    await Promise.all([gateway.stop(), bare.stop()]);
  }

  const rows: Array<Record<string, string | number>> = [];
  const summary: Record<string, unknown> = {};
  const scenarios = [...new Map(runs.map((figures) => [`${figures.server}/${figures.clients}/${figures.symbols}`, figures])).values()];
  for (const scenario of scenarios) {
    const same = runs.filter((figures) => figures.server === scenario.server && figures.clients === scenario.clients && figures.symbols === scenario.symbols);
    const pick = (field: keyof RunFigures): number => Math.round(median(same.map((figures) => figures[field] as number)) * 100) / 100;
    const baseline = runs.filter((figures) => figures.server === 'bare-ws' && figures.clients === scenario.clients && figures.symbols === scenario.symbols);
    const baselineP99 = baseline.length === 0 ? null : median(baseline.map((figures) => figures.p99Ms));
    const key = `${scenario.server} ${scenario.clients} clients, ${scenario.symbols} symbol${scenario.symbols === 1 ? '' : 's'}`;
    const row: Record<string, string | number> = {
      run: key,
      'p50 ms': pick('p50Ms'),
      'p99 ms': pick('p99Ms'),
      'max ms': pick('maxMs'),
      'send loop ms': scenario.server === 'gateway' ? pick('sendLoopMs') : '-',
      'server CPU µs/frame': scenario.clients < 100 ? '-' : pick('serverCpuMicrosPerFrame'),
      'p99 / bare': baselineP99 === null || scenario.server === 'bare-ws' || baselineP99 === 0 ? '-' : Math.round((pick('p99Ms') / baselineP99) * 100) / 100,
      'frames/expected': `${pick('frames')}/${pick('framesExpected')}`,
      // A handful of sockets is lost in the noise of a process's memory.
      'rss B/conn': scenario.clients < 100 ? '-' : pick('rssBytesPerConnection'),
      'heap B/conn': scenario.clients < 100 ? '-' : pick('heapBytesPerConnection'),
      'polls/interval/symbol': scenario.server === 'gateway' ? pick('pollsPerIntervalPerSymbol') : '-',
      'upstream calls/interval': scenario.server === 'gateway' ? pick('upstreamCallsPerInterval') : '-',
      failures: same.reduce((total, figures) => total + figures.connectFailures + figures.closedEarly, 0),
    };
    rows.push(row);
    summary[key] = row;
  }
  report('ws-fanout', { windowMs: WINDOW_MS, pollMs: POLL_MS, rounds: ROUNDS, workers: WORKERS, summary, runs }, rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchWsFanout();
