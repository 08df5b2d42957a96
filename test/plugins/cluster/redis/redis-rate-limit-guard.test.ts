import { expect } from 'chai';
import { ProviderError } from '../../../../core/errors/index.js';
import type { MarketProvider } from '../../../../core/providers/market-provider.js';
import { clusterServices, eventually, type ClusterServices } from '../../../helpers/cluster-services.js';
import { ManualClock } from '../../../helpers/manual-clock.js';
import { deleteKeysUnder, OwnRedisServer, requireRedis, SHARED_REDIS_URL, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';
import { createRouterHarness } from '../../../helpers/router-harness.js';

/** A provider declaring 3 calls a second, 100 ms apart, two 429 backoff steps and a blacklist at the third 429 in a row. */
function limitedProvider(): MarketProvider {
  const { providers } = createRouterHarness([
    {
      id: 'limited',
      weight: 1,
      priority: 1,
      declaration: { rateLimit: { requests: 3, windowMs: 1_000, minIntervalMs: 100 }, on429: { backoffMs: [5_000, 20_000], blacklistAfter: 3, blacklistMs: 600_000 } },
    },
  ]);
  return providers.limited!;
}

describe('RedisRateLimitGuard: one budget for every replica', () => {
  const clock = new ManualClock();
  let keyPrefix: string;
  let replicas: ClusterServices[] = [];
  let provider: MarketProvider;

  before(() => requireRedis());
  beforeEach(async () => {
    keyPrefix = uniqueKeyPrefix('guard');
    provider = limitedProvider();
    replicas = await Promise.all(['a', 'b', 'c'].map((id) => clusterServices(SHARED_REDIS_URL, keyPrefix, id, clock)));
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await deleteKeysUnder(SHARED_REDIS_URL, keyPrefix);
  });

  it('holds the window budget and the minimum interval across replicas', async () => {
    const [a, b, c] = replicas as [ClusterServices, ClusterServices, ClusterServices];
    expect(await a.guard.tryAcquire(provider)).to.equal(true);
    expect(await b.guard.tryAcquire(provider), 'within the 100 ms spacing of a call by another replica').to.equal(false);
    clock.advance(100);
    expect(await b.guard.tryAcquire(provider)).to.equal(true);
    clock.advance(100);
    expect(await c.guard.tryAcquire(provider)).to.equal(true);
    clock.advance(100);
    for (const replica of replicas) expect(await replica.guard.tryAcquire(provider), `${replica.config.replicaId}: window spent by the cluster`).to.equal(false);
    expect(a.guard.allows(provider), 'the planning read follows the shared state it heard').to.equal(false);
    expect(a.guard.status(provider).nextCallAt).to.equal(clock.now() - 300 + 1_000);
    clock.advance(700);
    expect(await a.guard.tryAcquire(provider), 'the oldest call left the window').to.equal(true);
    expect(a.status.snapshot().shared.providers.limited).to.include({ calls_in_window: 3 });
  });

  it('lets only `requests` of many concurrent asks through, whichever replica asks', async () => {
    const slots = await Promise.all(Array.from({ length: 30 }, (_, index) => replicas[index % 3]!.guard.tryAcquire(limitedProviderWithoutSpacing)));
    expect(slots.filter(Boolean)).to.have.length(3);
  });

  it('counts a batch call of weight 2 as two slots of the shared window', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    expect(await a.guard.tryAcquire(limitedProviderWithoutSpacing, 2)).to.equal(true);
    expect(await b.guard.tryAcquire(limitedProviderWithoutSpacing, 2), 'only one slot of 3 left').to.equal(false);
    expect(await b.guard.tryAcquire(limitedProviderWithoutSpacing)).to.equal(true);
    expect(await a.guard.tryAcquire(limitedProviderWithoutSpacing)).to.equal(false);
  });

  it('shares the 429 backoff and the blacklist: a 429 seen by one replica holds every replica back', async () => {
    const [a, b, c] = replicas as [ClusterServices, ClusterServices, ClusterServices];
    expect(await a.guard.tryAcquire(provider)).to.equal(true);
    expect(await a.guard.onFailure(provider, new ProviderError('limited', 'rate_limited', 'HTTP 429'))).to.equal('backoff');
    clock.advance(1_000);
    expect(await b.guard.tryAcquire(provider), 'first backoff step (5 s) applies to b').to.equal(false);
    expect(b.guard.status(provider)).to.include({ rateLimited: true, consecutive429: 1 });
    clock.advance(4_000);
    expect(await b.guard.tryAcquire(provider)).to.equal(true);
    expect(await b.guard.onFailure(provider, new ProviderError('limited', 'rate_limited', 'HTTP 429'))).to.equal('backoff');
    clock.advance(20_000);
    expect(await c.guard.tryAcquire(provider)).to.equal(true);
    expect(await c.guard.onFailure(provider, new ProviderError('limited', 'rate_limited', 'HTTP 429')), 'third 429 in a row, counted over the cluster').to.equal('blacklist');
    clock.advance(60_000);
    expect(await a.guard.tryAcquire(provider)).to.equal(false);
    expect(a.guard.status(provider).blacklisted).to.equal(true);
    clock.advance(600_000);
    expect(await a.guard.tryAcquire(provider)).to.equal(true);
  });

  it('honours a Retry-After on any failure and an exhausted header budget cluster-wide', async () => {
    const [a, b] = replicas as [ClusterServices, ClusterServices];
    expect(await a.guard.onFailure(provider, new ProviderError('limited', 'unavailable', 'HTTP 503', { retryAfterMs: 30_000 }))).to.equal('backoff');
    clock.advance(29_000);
    expect(await b.guard.tryAcquire(provider)).to.equal(false);
    clock.advance(1_000);
    expect(await b.guard.tryAcquire(provider)).to.equal(true);
    b.guard.onRateLimitInfo(provider, { remaining: 0, resetMs: 10_000 });
    clock.advance(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await a.guard.tryAcquire(provider), 'b read an exhausted budget from the headers').to.equal(false);
    clock.advance(5_000);
    expect(await a.guard.tryAcquire(provider)).to.equal(true);
  });

  it('writes only provider ids and numbers to Redis', async () => {
    await replicas[0]!.guard.tryAcquire(provider);
    await replicas[0]!.guard.onFailure(provider, new ProviderError('limited', 'rate_limited', 'HTTP 429 https://example.test/?apikey=sk-should-never-leave'));
    const client = (replicas[0]!.connection).client;
    const state = await client.hgetall(`${keyPrefix}:rl:limited:state`);
    expect(Object.values(state).every((value) => /^-?\d+$/.test(value)), JSON.stringify(state)).to.equal(true);
  });
});

/** The same budget without spacing, so concurrent asks race for the window only. */
const limitedProviderWithoutSpacing: MarketProvider = (() => {
  const { providers } = createRouterHarness([{ id: 'burst', weight: 1, priority: 1, declaration: { rateLimit: { requests: 3, windowMs: 60_000, minIntervalMs: 0 } } }]);
  return providers.burst!;
})();

describe('RedisRateLimitGuard without Redis', function () {
  this.timeout(30_000);

  it('settles slots on its own throttle while Redis is down and on the shared budget again once it is back', async () => {
    const server = await OwnRedisServer.start();
    const clock = new ManualClock();
    const keyPrefix = uniqueKeyPrefix('guard-outage');
    const provider = limitedProviderWithoutSpacing;
    const replica = await clusterServices(server.url, keyPrefix, 'a', clock, { reconnect: { minMs: 20, maxMs: 100 } });
    try {
      expect(await replica.guard.tryAcquire(provider)).to.equal(true);
      await server.stop();
      await eventually('the replica to notice Redis is gone', () => !replica.connection.connected);
      expect(await replica.guard.tryAcquire(provider), 'own throttle: 1 of 3 used').to.equal(true);
      expect(await replica.guard.tryAcquire(provider)).to.equal(true);
      expect(await replica.guard.tryAcquire(provider), 'own throttle spent').to.equal(false);
      expect(replica.metrics.snapshot().slots.local_fallback).to.equal(3);
      await server.restart();
      await eventually('the replica to reconnect with backoff', () => replica.connection.connected, 10_000);
      clock.advance(60_000);
      expect(await replica.guard.tryAcquire(provider)).to.equal(true);
      expect(replica.metrics.snapshot().slots.shared).to.equal(2);
    } finally {
      await replica.close();
      await server.stop();
    }
  });
});
