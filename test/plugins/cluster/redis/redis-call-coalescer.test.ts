import { expect } from 'chai';
import { isProviderError, ProviderError } from '../../../../core/errors/index.js';
import { clusterServices, type ClusterServices } from '../../../helpers/cluster-services.js';
import { ManualClock } from '../../../helpers/manual-clock.js';
import { deleteKeysUnder, freePort, requireRedis, SHARED_REDIS_URL, uniqueKeyPrefix } from '../../../helpers/redis-test-server.js';

/** A call that counts its starts and settles when the test says so. */
class ControlledCall {
  starts = 0;
  private release: ((value: { price: number }) => void) | undefined;
  private fail: ((error: Error) => void) | undefined;

  readonly start = (): Promise<{ price: number }> => {
    this.starts += 1;
    return new Promise((resolve, reject) => {
      this.release = resolve;
      this.fail = reject;
    });
  };

  resolve(price: number): void {
    this.release?.({ price });
  }

  reject(error: Error): void {
    this.fail?.(error);
  }
}

/** Lets the claims reach Redis and come back. */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('RedisCallCoalescer: one upstream call for the cluster', () => {
  const clock = new ManualClock();
  let keyPrefix: string;
  let replicas: ClusterServices[] = [];

  before(() => requireRedis());
  beforeEach(async () => {
    keyPrefix = uniqueKeyPrefix('coalescer');
    replicas = await Promise.all(['a', 'b', 'c'].map((id) => clusterServices(SHARED_REDIS_URL, keyPrefix, id, clock, { coalescing: { maxWaitMs: 3_000 } })));
  });
  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await deleteKeysUnder(SHARED_REDIS_URL, keyPrefix);
  });

  it('runs identical concurrent calls on three replicas once and hands every caller the result', async () => {
    const call = new ControlledCall();
    const first = replicas[0]!.coalescer.run('price:p:BTC', call.start);
    await settle();
    const others = [replicas[1]!, replicas[2]!, replicas[1]!].map((replica) => replica.coalescer.run('price:p:BTC', call.start));
    await settle();
    call.resolve(42);
    expect(await Promise.all([first, ...others])).to.deep.equal(Array(4).fill({ price: 42 }));
    expect(call.starts).to.equal(1);
    expect(replicas[0]!.metrics.snapshot().coalesced.leader).to.equal(1);
    expect(replicas[1]!.metrics.snapshot().coalesced.remote_wait, 'b asked twice but waited once: its own calls share one').to.equal(1);
    expect(replicas[2]!.metrics.snapshot().coalesced.remote_wait).to.equal(1);
  });

  it('answers a call asked just after the holder finished from the published result', async () => {
    const call = new ControlledCall();
    const first = replicas[0]!.coalescer.run('price:p:ETH', call.start);
    await settle();
    call.resolve(7);
    await first;
    await settle();
    expect(await replicas[1]!.coalescer.run('price:p:ETH', call.start)).to.deep.equal({ price: 7 });
    expect(call.starts).to.equal(1);
    expect(replicas[1]!.metrics.snapshot().coalesced.remote_result).to.equal(1);
  });

  it('rethrows the holder’s ProviderError on the waiting replicas, without the upstream’s message', async () => {
    const call = new ControlledCall();
    const first = replicas[0]!.coalescer.run('price:p:SOL', call.start);
    await settle();
    const waiting = replicas[1]!.coalescer.run('price:p:SOL', call.start);
    await settle();
    call.reject(new ProviderError('p', 'rate_limited', 'HTTP 429 for https://upstream.test/?key=sk-secret-value', { retryAfterMs: 9_000, upstreamStatus: 429 }));
    await first.catch(() => undefined);
    const error = await waiting.catch((caught: unknown) => caught);
    expect(isProviderError(error, 'rate_limited')).to.equal(true);
    expect(error).to.include({ providerId: 'p', retryAfterMs: 9_000, upstreamStatus: 429 });
    expect((error as Error).message).to.not.include('sk-secret-value');
    expect(call.starts).to.equal(1);
  });

  it('calls itself when the holder never answers within the bounded wait', async () => {
    const [a, b] = [replicas[0]!, await clusterServices(SHARED_REDIS_URL, keyPrefix, 'impatient', clock, { coalescing: { maxWaitMs: 100 } })];
    try {
      const stuck = new ControlledCall();
      void a.coalescer.run('price:p:DOT', stuck.start);
      await settle();
      expect(await b.coalescer.run('price:p:DOT', () => Promise.resolve({ price: 3 }))).to.deep.equal({ price: 3 });
      expect(b.metrics.snapshot().coalesced.wait_timeout).to.equal(1);
      stuck.resolve(1);
    } finally {
      await b.close();
    }
  });

  it('calls at once, without waiting, when Redis is unreachable', async () => {
    const unreachable = await clusterServices(`redis://127.0.0.1:${await freePort()}`, keyPrefix, 'alone', clock, { connectTimeoutMs: 200 });
    try {
      expect(unreachable.connection.connected).to.equal(false);
      expect(await unreachable.coalescer.run('price:p:BTC', () => Promise.resolve({ price: 5 }))).to.deep.equal({ price: 5 });
      expect(unreachable.metrics.snapshot().coalesced.local_fallback).to.equal(1);
    } finally {
      await unreachable.close();
    }
  });
});
