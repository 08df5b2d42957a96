import { expect } from 'chai';
import nock from 'nock';
import { DEFAULT_TICKERS } from '../../../../core/providers/default-tickers.js';
import type { SimulatedGateway } from '../../../../simulator/simulated-gateway.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../../../../simulator/upstream-simulator.js';
import { eventually } from '../../../helpers/cluster-services.js';
import { getJson, startReplicas, stopReplicas, upstreamCalls } from '../../../helpers/cluster-replicas.js';
import { deleteKeysUnder, keysUnder, requireRedis, SHARED_REDIS_URL, testClient, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';
import { WsTestClient } from '../../../helpers/ws-test-client.js';

/** API keys no test or fixture uses elsewhere: found anywhere in Redis, they leaked. */
const SECRET_KEYS = { COINCAP_API_KEY: 'ck-cluster-secret-3f9a1c', ETHERSCAN_API_KEY: 'ek-cluster-secret-77b2de' };

/** Symbols whose stream poller this replica holds for the cluster. */
async function leasesOf(replica: SimulatedGateway): Promise<string[]> {
  return ((await getJson(replica, '/api/system/status')).body.cluster as { poller_leases: string[] }).poller_leases;
}

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

  it('holds the CoinGecko budget for the whole cluster: 12 asks over 3 replicas get the declared 4 calls', async () => {
    const providers = { coingecko: { rateLimit: { requests: 4, windowMs: 60_000, minIntervalMs: 0 } } };
    const symbols = DEFAULT_TICKERS.slice(0, 12);
    const ask = async (group: readonly SimulatedGateway[]): Promise<number[]> =>
      Promise.all(symbols.map(async (symbol, index) => (await getJson(group[index % group.length]!, `/api/market/price?symbol=${symbol}`)).status));

    replicas = await startReplicas(3, { upstream: simulator, plugins: ['coingecko', 'market-api'], providers, cluster: cluster('coingecko') });
    const statuses = await ask(replicas);
    expect(simulator.stats().calls.coingecko, 'calls the cluster sent CoinGecko').to.equal(4);
    expect(statuses.filter((status) => status === 200)).to.have.length(4);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 503), 'the others are refused, not sent').to.equal(true);
    expect(simulator.stats().status429.coingecko).to.equal(0);
    await stopReplicas(replicas);
    simulator.reset();

    replicas = await startReplicas(3, { upstream: simulator, plugins: ['coingecko', 'market-api'], providers });
    await ask(replicas);
    expect(simulator.stats().calls.coingecko, 'without Redis each replica spends the budget: the control').to.equal(12);
  });

  it('writes no API key to Redis: not in a key, a value or a message', async () => {
    const prefix = cluster('secrets');
    const spy = testClient();
    const messages: string[] = [];
    await spy.psubscribe(`${String(prefix.keyPrefix)}:*`);
    spy.on('pmessage', (_pattern: string, channel: string, message: string) => messages.push(channel, message));
    try {
      replicas = await startReplicas(2, { upstream: simulator, plugins: ['coincap', 'etherscan', 'market-api'], env: SECRET_KEYS, cluster: prefix });
      simulator.setFaults({ coincap: { status429Rate: 0.3 } });
      for (const [index, symbol] of DEFAULT_TICKERS.slice(0, 8).entries()) await getJson(replicas[index % 2]!, `/api/market/price?symbol=${symbol}`);
      expect((await getJson(replicas[0]!, '/api/market/gas')).status).to.equal(200);
      expect((await getJson(replicas[1]!, '/api/market/ticker?symbol=BTC')).status).to.be.oneOf([200, 503]);
      await eventually('messages to arrive', () => messages.length > 0);
      const reader = testClient();
      try {
        const dump: string[] = [];
        for (const key of await keysUnder(reader, String(prefix.keyPrefix))) {
          const type = await reader.type(key);
          dump.push(key, type);
          if (type === 'string') dump.push((await reader.get(key)) ?? '');
          if (type === 'hash') dump.push(JSON.stringify(await reader.hgetall(key)));
          if (type === 'zset') dump.push(JSON.stringify(await reader.zrange(key, '0', '-1', 'WITHSCORES')));
        }
        expect(dump.some((text) => text.includes('price')), 'the dump holds the cached answers').to.equal(true);
        for (const secret of Object.values(SECRET_KEYS)) {
          expect(dump.filter((text) => text.includes(secret)), `${secret} in Redis`).to.deep.equal([]);
          expect(messages.filter((text) => text.includes(secret)), `${secret} in a message`).to.deep.equal([]);
        }
      } finally {
        reader.disconnect();
      }
    } finally {
      spy.disconnect();
    }
  });

  it('runs one WebSocket poller per symbol for the cluster, feeds every replica, and moves it when its holder stops', async () => {
    const stream = { name: 'market-stream', options: { pollIntervalMs: 200 } };
    replicas = await startReplicas(3, { upstream: simulator, plugins: ['binance', 'market-api', 'system-api', stream], cluster: cluster('stream') });
    const clients = await Promise.all(replicas.map((replica) => WsTestClient.connect(`${replica.gatewayUrl.replace('http', 'ws')}/ws/market`)));
    try {
      for (const client of clients) client.send({ type: 'subscribe', symbols: ['BTC'] });
      for (const client of clients) expect(await client.nextOfType('price')).to.include({ symbol: 'BTC' });
      await eventually('one holder', async () => (await Promise.all(replicas.map(leasesOf))).flat().length === 1);
      const leases = await Promise.all(replicas.map(leasesOf));
      const holder = leases.findIndex((symbols) => symbols.includes('BTC'));
      expect(leases.flat(), 'exactly one replica polls BTC').to.deep.equal(['BTC']);
      for (const client of clients) expect(await client.nextOfType('price')).to.include({ symbol: 'BTC' });

      clients[holder]!.socket.close();
      await replicas[holder]!.stop();
      const rest = replicas.filter((_, index) => index !== holder);
      await eventually('another replica to take the poller over', async () => (await Promise.all(rest.map(leasesOf))).flat().length === 1, 5_000);
      for (const [index, client] of clients.entries()) if (index !== holder) expect(await client.nextOfType('price')).to.include({ symbol: 'BTC' });
    } finally {
      for (const client of clients) client.socket.close();
    }
  });
});
