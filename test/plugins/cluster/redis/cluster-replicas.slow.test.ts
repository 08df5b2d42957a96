import { expect } from 'chai';
import nock from 'nock';
import { DEFAULT_TICKERS } from '../../../../core/providers/default-tickers.js';
import type { SimulatedGateway } from '../../../../simulator/simulated-gateway.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../../../../simulator/upstream-simulator.js';
import { getJson, startReplicas, stopReplicas, upstreamCalls } from '../../../helpers/cluster-replicas.js';
import { deleteKeysUnder, requireRedis, SHARED_REDIS_URL, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';

const SYMBOLS = DEFAULT_TICKERS.slice(0, 6);
/** Prices fresh for the whole test: every upstream call counted is one the cache could not save. */
const LONG_LIVED_PRICES = { binance: { cacheTtlMs: { price: 120_000 } } };

/** `count` price requests over SYMBOLS, `concurrency` at a time, each symbol asked of every replica in turn; the statuses. */
async function spread(replicas: readonly SimulatedGateway[], count: number, concurrency: number): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      const { status } = await getJson(replicas[(index + Math.floor(index / SYMBOLS.length)) % replicas.length]!, `/api/market/price?symbol=${SYMBOLS[index % SYMBOLS.length]!}`);
      statuses.push(status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

describe('cluster plugin: replicas on one Redis against one simulator', function () {
  this.timeout(60_000);
  let simulator: UpstreamSimulator;
  let replicas: SimulatedGateway[] = [];
  const prefixes: string[] = [];

  before(async () => {
    await requireRedis();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    simulator = await startUpstreamSimulator({ latencyMs: 20 });
  });
  afterEach(async () => {
    await stopReplicas(replicas);
    replicas = [];
    simulator.reset();
  });
  after(async () => {
    await simulator.close();
    for (const prefix of prefixes) await deleteKeysUnder(SHARED_REDIS_URL, prefix);
    nock.enableNetConnect();
  });

  function cluster(label: string): Record<string, unknown> {
    const keyPrefix = uniqueKeyPrefix(label);
    prefixes.push(keyPrefix);
    return { redisUrl: SHARED_REDIS_URL, keyPrefix };
  }

  it('300 price requests spread over 3 replicas cost the simulator no more upstream calls than the same 300 on one replica', async () => {
    const options = { upstream: simulator, plugins: ['binance', 'market-api'], providers: LONG_LIVED_PRICES };
    replicas = await startReplicas(1, options);
    expect(await spread(replicas, 300, 12)).to.deep.equal(Array(300).fill(200));
    const single = upstreamCalls(simulator);
    await stopReplicas(replicas);
    simulator.reset();

    replicas = await startReplicas(3, { ...options, cluster: cluster('spread') });
    expect(await spread(replicas, 300, 12)).to.deep.equal(Array(300).fill(200));
    const clustered = upstreamCalls(simulator);
    await stopReplicas(replicas);
    simulator.reset();

    replicas = await startReplicas(3, options);
    expect(await spread(replicas, 300, 12)).to.deep.equal(Array(300).fill(200));
    const unshared = upstreamCalls(simulator);

    // One call per symbol is the least any setup can cost; identical calls in flight on several
    // replicas at once wait for the lock holder's result, so the cluster costs no call more.
    expect(single).to.equal(SYMBOLS.length);
    expect(clustered, 'three replicas on Redis').to.equal(single);
    expect(unshared, 'three replicas without Redis: the control').to.equal(3 * single);
  });
});
