import { expect } from 'chai';
import { CacheStore } from '../../../../core/cache/cache-store.js';
import { NodeCacheStore } from '../../../../core/cache/node-cache-store.js';
import { loadConfig } from '../../../../core/config/config-loader.js';
import { ConfigError } from '../../../../core/errors/index.js';
import { InMemoryRateLimitGuard } from '../../../../core/resilience/in-memory-rate-limit-guard.js';
import { RateLimitGuard } from '../../../../core/resilience/rate-limit-guard.js';
import { CallCoalescer } from '../../../../core/router/call-coalescer.js';
import { InMemoryCallCoalescer } from '../../../../core/router/in-memory-call-coalescer.js';
import { StatusContribution } from '../../../../core/status/status-contribution.js';
import { RedisCacheStore } from '../../../../plugins/cluster/redis/redis-cache-store.js';
import { RedisCallCoalescer } from '../../../../plugins/cluster/redis/redis-call-coalescer.js';
import { RedisRateLimitGuard } from '../../../../plugins/cluster/redis/redis-rate-limit-guard.js';
import { RedisPollerLease } from '../../../../plugins/cluster/redis/redis-poller-lease.js';
import { PollerLease } from '../../../../plugins/ws/market-stream/index.js';
import { uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';
import { createTestApp } from '../../../helpers/test-app.js';

const PLUGINS = ['binance', 'market-api', 'market-stream', 'cluster'];

describe('cluster plugin: configuration', () => {
  it('binds nothing without cluster.redisUrl: the default config (npm start) keeps every in-memory default', async () => {
    const { config } = loadConfig({ defaultFile: 'config/default.json', env: {} });
    expect(config.plugins).to.include('cluster');
    const app = await createTestApp({ config: { plugins: PLUGINS } });
    const { container } = app.kernel;
    expect(container.get(CacheStore)).to.be.instanceOf(NodeCacheStore);
    expect(container.get(RateLimitGuard)).to.be.instanceOf(InMemoryRateLimitGuard);
    expect(container.get(CallCoalescer)).to.be.instanceOf(InMemoryCallCoalescer);
    expect(container.getAll<StatusContribution>(StatusContribution).map((contribution) => contribution.section)).to.not.include('cluster');
  });

  it('rebinds the cache, the guard, the coalescer and the stream lease with cluster.redisUrl, and starts and stops with them', async () => {
    const app = await createTestApp({ config: { plugins: PLUGINS, cluster: { redisUrl: 'redis://127.0.0.1:6379', keyPrefix: uniqueKeyPrefix('module') } } });
    const { container } = app.kernel;
    // By name: the kernel loads the plugin through its own dynamic import.
    const bound = [CacheStore, RateLimitGuard, CallCoalescer, PollerLease].map((token) => (container.get(token) as object).constructor.name);
    expect(bound).to.deep.equal([RedisCacheStore.name, RedisRateLimitGuard.name, RedisCallCoalescer.name, RedisPollerLease.name]);
    await app.start();
    await app.stop();
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a URL that is not redis://', { redisUrl: 'http://127.0.0.1:6379' }, /cluster\.redisUrl.*redis:\/\/ or rediss:\/\//],
    ['a key prefix with a colon', { redisUrl: 'redis://127.0.0.1', keyPrefix: 'a:b' }, /cluster\.keyPrefix/],
    ['a command timeout below 5 ms', { redisUrl: 'redis://127.0.0.1', commandTimeoutMs: 1 }, /cluster\.commandTimeoutMs/],
    ['an unknown key', { redisUrl: 'redis://127.0.0.1', redisURL: 'x' }, /cluster.*redisURL/],
    ['a backoff whose minimum exceeds its maximum', { redisUrl: 'redis://127.0.0.1', reconnect: { minMs: 9_000, maxMs: 1_000 } }, /cluster\.reconnect\.minMs.*must not exceed reconnect\.maxMs/],
  ];
  for (const [what, cluster, message] of invalid) {
    it(`refuses ${what}, naming the field`, async () => {
      const error = await createTestApp({ config: { plugins: PLUGINS, cluster } }).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.match(message);
    });
  }
});
