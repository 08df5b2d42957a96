import { expect } from 'chai';
import { clusterServices, eventually, type ClusterServices } from '../../../helpers/cluster-services.js';
import { ManualClock } from '../../../helpers/manual-clock.js';
import { deleteKeysUnder, freePort, requireRedis, SHARED_REDIS_URL, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';
import type { PriceUpdate } from '../../../../plugins/ws/market-stream/index.js';

const UPDATE: PriceUpdate = { symbol: 'BTC', price: 64_000, source: 'Binance', timestamp: 1_700_000_000, cached: false };

describe('RedisPollerLease and RedisPriceFanout: one poller per symbol, prices to every replica', () => {
  const clock = new ManualClock();
  let keyPrefix: string;
  let replicas: ClusterServices[] = [];

  before(() => requireRedis());
  beforeEach(async () => {
    keyPrefix = uniqueKeyPrefix('lease');
    replicas = await Promise.all(['a', 'b'].map((id) => clusterServices(SHARED_REDIS_URL, keyPrefix, id, clock)));
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await deleteKeysUnder(SHARED_REDIS_URL, keyPrefix);
  });

  it('grants a symbol to one replica, renews it for the holder only, and hands it over on release', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    expect(await a.lease.acquire('BTC', 5_000)).to.equal(true);
    expect(await b.lease.acquire('BTC', 5_000)).to.equal(false);
    expect(await a.lease.renew('BTC', 5_000)).to.equal(true);
    expect(await b.lease.renew('BTC', 5_000)).to.equal(false);
    expect(await a.lease.acquire('BTC', 5_000), 'asking again while holding keeps it').to.equal(true);
    expect(await b.lease.acquire('ETH', 5_000), 'symbols are leased one by one').to.equal(true);
    expect(a.status.snapshot().poller_leases).to.deep.equal(['BTC']);
    await a.lease.release('BTC');
    expect(await b.lease.acquire('BTC', 5_000)).to.equal(true);
    expect(await a.lease.renew('BTC', 5_000), 'the old holder learns it lost the lease').to.equal(false);
  });

  it('lets another replica take over once a holder that died stops renewing (the lease expires)', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    expect(await a.lease.acquire('SOL', 150)).to.equal(true);
    expect(await b.lease.acquire('SOL', 150)).to.equal(false);
    await eventually('b to take the expired lease', () => b.lease.acquire('SOL', 150), 3_000);
  });

  it('releases every held lease when the replica stops', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    await a.lease.acquire('XRP', 60_000);
    await a.lease.acquire('ADA', 60_000);
    await a.lease.onStop();
    expect(await b.lease.acquire('XRP', 60_000)).to.equal(true);
    expect(await b.lease.acquire('ADA', 60_000)).to.equal(true);
  });

  it('delivers a price published on one replica to the subscribers of every replica, once each', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    const received: Record<string, PriceUpdate[]> = { a: [], b: [], other: [] };
    const stopA = a.fanout.subscribe('BTC', (update) => received.a!.push(update));
    b.fanout.subscribe('BTC', (update) => received.b!.push(update));
    b.fanout.subscribe('ETH', (update) => received.other!.push(update));
    await a.fanout.publish('BTC', UPDATE);
    await eventually('both replicas to receive the price', () => received.a!.length === 1 && received.b!.length === 1);
    expect(received.b).to.deep.equal([UPDATE]);
    stopA();
    await a.fanout.publish('BTC', { ...UPDATE, price: 64_001 });
    await eventually('b to receive the second price', () => received.b!.length === 2);
    expect(received.a).to.have.length(1);
    expect(received.other).to.deep.equal([]);
  });

  it('without Redis grants every lease and delivers prices locally', async () => {
    const alone = await clusterServices(`redis://127.0.0.1:${await freePort()}`, keyPrefix, 'alone', clock, { connectTimeoutMs: 200 });
    try {
      expect(await alone.lease.acquire('BTC', 5_000)).to.equal(true);
      expect(await alone.lease.renew('BTC', 5_000)).to.equal(true);
      const received: PriceUpdate[] = [];
      alone.fanout.subscribe('BTC', (update) => received.push(update));
      await alone.fanout.publish('BTC', UPDATE);
      expect(received).to.deep.equal([UPDATE]);
    } finally {
      await alone.close();
    }
  });
});
