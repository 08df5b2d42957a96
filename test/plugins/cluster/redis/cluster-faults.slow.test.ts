import { expect } from 'chai';
import nock from 'nock';
import { DEFAULT_TICKERS } from '../../../../core/providers/default-tickers.js';
import type { SimulatedGateway } from '../../../../simulator/simulated-gateway.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../../../../simulator/upstream-simulator.js';
import { ClusterSectionSchema, type ClusterSection } from '../../../../plugins/cluster/redis/index.js';
import { capturedLogger } from '../../../helpers/captured-logger.js';
import { eventually } from '../../../helpers/cluster-services.js';
import { getJson, startReplicas, stopReplicas } from '../../../helpers/cluster-replicas.js';
import { freePort, OwnRedisServer, requireRedis, testClient, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';

const PRICE_PLUGINS = ['binance', 'kraken', 'market-api', 'system-api'];

/** `count` price requests over the default tickers, round-robin over the replicas, `concurrency` at a time; `onDone(n)` after each. */
async function load(replicas: readonly SimulatedGateway[], count: number, concurrency: number, onDone: (done: number) => Promise<void> | void = () => undefined): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      const symbol = DEFAULT_TICKERS[index % DEFAULT_TICKERS.length]!;
      const { status } = await getJson(replicas[(index + Math.floor(index / DEFAULT_TICKERS.length)) % replicas.length]!, `/api/market/price?symbol=${symbol}`);
      statuses.push(status);
      await onDone(statuses.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/** The replica's `cluster` status section, checked against the schema the OpenAPI document publishes. */
async function clusterSection(replica: SimulatedGateway): Promise<ClusterSection> {
  const { body } = await getJson(replica, '/api/system/status');
  return ClusterSectionSchema.parse(body.cluster);
}

describe('cluster plugin: Redis faults', function () {
  this.timeout(90_000);
  let simulator: UpstreamSimulator;
  let replicas: SimulatedGateway[] = [];
  let server: OwnRedisServer | undefined;

  before(async () => {
    await requireRedis();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    simulator = await startUpstreamSimulator({ latencyMs: 5 });
  });
  afterEach(async () => {
    await stopReplicas(replicas);
    replicas = [];
    await server?.stop();
    server = undefined;
    simulator.reset();
  });
  after(async () => {
    await simulator.close();
    nock.enableNetConnect();
  });

  it('starts on its in-memory state when Redis is down at start, and says so in the log, /readyz and the status', async () => {
    const logs = capturedLogger();
    replicas = await startReplicas(1, {
      upstream: simulator,
      plugins: PRICE_PLUGINS,
      cluster: { redisUrl: `redis://127.0.0.1:${await freePort()}`, keyPrefix: uniqueKeyPrefix('down'), connectTimeoutMs: 300 },
      logger: logs.logger,
    });
    expect(logs.text()).to.match(/"level":40[^\n]*Redis unreachable at start/);
    const ready = await getJson(replicas[0]!, '/readyz');
    expect(ready.status, 'degraded but ready').to.equal(200);
    const check = (ready.body.checks as Array<{ name: string; ready: boolean; detail: string }>).find((candidate) => candidate.name === 'cluster');
    expect(check).to.include({ ready: true });
    expect(check!.detail).to.match(/^degraded: Redis unreachable, serving from this replica's in-memory state/);
    expect(await clusterSection(replicas[0]!)).to.include({ replica_id: 'r0', redis_connected: false, mode: 'local' });
    expect(await load(replicas, 40, 4)).to.deep.equal(Array(40).fill(200));
    const metrics = await fetch(`${replicas[0]!.gatewayUrl}/metrics`).then((response) => response.text());
    expect(metrics).to.include('crypto_datasource_cluster_redis_connected{replica="r0"} 0');
  });

  it('loses no request when Redis is killed and restarted mid-run, reconnects with backoff and shares again', async () => {
    server = await OwnRedisServer.start();
    const own = server;
    replicas = await startReplicas(3, {
      upstream: simulator,
      plugins: PRICE_PLUGINS,
      providers: { binance: { cacheTtlMs: { price: 200 } }, kraken: { cacheTtlMs: { price: 200 } } },
      cluster: { redisUrl: own.url, keyPrefix: uniqueKeyPrefix('restart'), reconnect: { minMs: 20, maxMs: 200 } },
    });
    for (const replica of replicas) expect((await clusterSection(replica)).redis_connected).to.equal(true);
    const statuses = await load(replicas, 450, 6, async (done) => {
      if (done === 100) await own.stop();
      if (done === 250) await own.restart();
    });
    expect(statuses.filter((status) => status !== 200), 'no request lost').to.deep.equal([]);
    await eventually('every replica to reconnect', async () => (await Promise.all(replicas.map(clusterSection))).every((section) => section.redis_connected), 15_000);
    for (const replica of replicas) expect((await clusterSection(replica)).reconnects).to.be.at.least(1);
    const before = (await clusterSection(replicas[1]!)).shared.cache_fills_from_peers;
    // A ticker: no replica asked for one before, so the entry r0 stores is new to r1.
    expect((await getJson(replicas[0]!, '/api/market/ticker?symbol=BTC')).status).to.equal(200);
    await eventually('r1 to receive what r0 fetched after the restart', async () => (await clusterSection(replicas[1]!)).shared.cache_fills_from_peers > before);
  });

  it('answers cached prices while Redis is stalled (CLIENT PAUSE) before Redis answers again, and uncached ones after the command timeout', async () => {
    server = await OwnRedisServer.start();
    replicas = await startReplicas(2, { upstream: simulator, plugins: ['binance', 'market-api'], cluster: { redisUrl: server.url, keyPrefix: uniqueKeyPrefix('stall'), commandTimeoutMs: 100 } });
    // The router caches a symbol's answer once it is confirmed: ask until r0 answers BTC from its cache.
    await eventually('r0 to answer BTC from its cache', async () => (await getJson(replicas[0]!, '/api/market/price?symbol=BTC')).body.cached === true);
    const admin = testClient(server.url);
    try {
      const order: string[] = [];
      await admin.client('PAUSE', 3_000, 'ALL');
      const paused = (async () => {
        await admin.ping();
        order.push('redis answers again');
      })();
      const cached = await getJson(replicas[0]!, '/api/market/price?symbol=BTC');
      order.push('cached answer');
      const uncached = await getJson(replicas[1]!, '/api/market/price?symbol=LINK');
      order.push('uncached answer');
      await paused;
      expect(cached.status).to.equal(200);
      expect(cached.body.cached).to.equal(true);
      expect(uncached.status).to.equal(200);
      expect(order).to.deep.equal(['cached answer', 'uncached answer', 'redis answers again']);
    } finally {
      admin.disconnect();
    }
  });
});
