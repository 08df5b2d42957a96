import { expect } from 'chai';
import { clusterServices, eventually, type ClusterServices } from '../../../helpers/cluster-services.js';
import { ManualClock } from '../../../helpers/manual-clock.js';
import { deleteKeysUnder, requireRedis, SHARED_REDIS_URL, testClient, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';

const ENTRY = { providerId: 'binance', data: { symbol: 'BTC', price: 64_000.5 }, fetchedAt: 1_700_000_000_000 };

describe('RedisCacheStore: the response cache shared by the cluster', () => {
  const clock = new ManualClock();
  let keyPrefix: string;
  let replicas: ClusterServices[] = [];

  before(() => requireRedis());
  beforeEach(async () => {
    keyPrefix = uniqueKeyPrefix('cache');
    replicas = await Promise.all(['a', 'b'].map((id) => clusterServices(SHARED_REDIS_URL, keyPrefix, id, clock)));
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await deleteKeysUnder(SHARED_REDIS_URL, keyPrefix);
  });

  it('makes an entry one replica stores a synchronous local hit on the other', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    expect(a.cache.set('price:binance:BTC', ENTRY, 30_000)).to.equal(true);
    expect(a.cache.get('price:binance:BTC'), 'the writer reads its own write at once').to.deep.equal(ENTRY);
    await eventually('b to receive the entry', () => b.cache.get('price:binance:BTC') !== undefined);
    expect(b.cache.get('price:binance:BTC')).to.deep.equal(ENTRY);
    expect(b.metrics.snapshot().cacheFillsFromPeers).to.equal(1);
  });

  it('keeps the entry in Redis with its lifetime as Redis TTL', async () => {
    replicas[0]!.cache.set('price:binance:ETH', ENTRY, 30_000);
    const client = testClient();
    try {
      await eventually('the entry in Redis', async () => (await client.exists(`${keyPrefix}:cache:price:binance:ETH`)) === 1);
      const ttl = await client.pttl(`${keyPrefix}:cache:price:binance:ETH`);
      expect(ttl).to.be.within(1, 30_000);
      expect(JSON.parse((await client.get(`${keyPrefix}:cache:price:binance:ETH`))!)).to.deep.equal(ENTRY);
    } finally {
      client.disconnect();
    }
  });

  it('fills a replica that joined late from Redis after its first miss', async () => {
    replicas[0]!.cache.set('price:binance:SOL', ENTRY, 30_000);
    await eventually('b to receive the entry', () => replicas[1]!.cache.get('price:binance:SOL') !== undefined);
    const late = await clusterServices(SHARED_REDIS_URL, keyPrefix, 'late', clock);
    try {
      expect(late.cache.get('price:binance:SOL'), 'the first read misses: reads never wait for Redis').to.equal(undefined);
      await eventually('the late replica to fill from Redis', () => late.cache.get('price:binance:SOL') !== undefined);
      expect(late.cache.get('price:binance:SOL')).to.deep.equal(ENTRY);
    } finally {
      await late.close();
    }
  });

  it('deletes an entry on every replica', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    a.cache.set('price:binance:ADA', ENTRY, 30_000);
    await eventually('b to receive the entry', () => b.cache.get('price:binance:ADA') !== undefined);
    b.cache.delete('price:binance:ADA');
    await eventually('a to drop the entry', () => a.cache.get('price:binance:ADA') === undefined);
  });

  it('counts another replica\'s writes and deletes in its changes, as its own, so the cache-hit lane re-reads them', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    const before = b.cache.changes!;
    a.cache.set('price:binance:DOT', ENTRY, 30_000);
    await eventually('b to receive the entry', () => b.cache.get('price:binance:DOT') !== undefined);
    expect(b.cache.changes, 'the entry b received').to.be.greaterThan(before);
    const afterWrite = b.cache.changes!;
    a.cache.delete('price:binance:DOT');
    await eventually('b to drop the entry', () => b.cache.get('price:binance:DOT') === undefined);
    expect(b.cache.changes, 'the delete b received').to.be.greaterThan(afterWrite);
  });

  it('ignores messages on its channel that are not its own format', async () => {
    const client = testClient();
    try {
      await client.publish(`${keyPrefix}:cache`, 'not json');
      await client.publish(`${keyPrefix}:cache`, JSON.stringify({ from: 'x', key: 'price:binance:XRP', value: '{broken', ttlMs: 1_000 }));
      await client.publish(`${keyPrefix}:cache`, JSON.stringify({ key: 'price:binance:XRP', value: '1', ttlMs: 1_000, extra: true }));
      replicas[0]!.cache.set('price:binance:LTC', ENTRY, 30_000);
      await eventually('b to receive the later good entry', () => replicas[1]!.cache.get('price:binance:LTC') !== undefined);
      expect(replicas[1]!.cache.get('price:binance:XRP')).to.equal(undefined);
    } finally {
      client.disconnect();
    }
  });
});
