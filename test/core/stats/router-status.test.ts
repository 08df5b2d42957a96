import { expect } from 'chai';
import { RouterStatus } from '../../../core/stats/router-status.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { createRouterHarness } from '../../helpers/router-harness.js';

describe('RouterStatus', () => {
  it('reports per provider requests, outcomes by kind, shares, cache hits, state, cooldown end and grouped errors', async () => {
    const clock = new ManualClock();
    const { router, providers, container } = createRouterHarness(
      [
        { id: 'alpha', weight: 1, priority: 1 },
        { id: 'beta', weight: 1, priority: 2 },
      ],
      { clock },
    );
    await router.route('price', { symbol: 'BTC' });
    await router.route('price', { symbol: 'BTC' });
    providers.alpha!.behaviour = { fail: 'rate_limited', retryAfterMs: 60_000 };
    await router.route('price', { symbol: 'ETH' });
    await router.route('price', { symbol: 'ETH' });

    const status = await container.get(RouterStatus).snapshot();
    const alpha = status.providers.find((provider) => provider.id === 'alpha')!;
    const beta = status.providers.find((provider) => provider.id === 'beta')!;
    expect(alpha).to.include({ name: 'ALPHA', state: 'rate-limited', rateLimited: true, cooldownUntil: clock.now() + 60_000, circuit: 'closed' });
    expect(alpha.failuresByKind).to.deep.equal({ rate_limited: 1 });
    expect(alpha.lastError).to.include({ kind: 'rate_limited' });
    expect(beta.state).to.equal('online');
    expect(alpha.upstreamShare + beta.upstreamShare).to.be.closeTo(100, 0.2);
    expect(alpha.trafficShare + beta.trafficShare).to.be.closeTo(100, 0.2);
    expect(status.totals).to.include({ requests: 4, successes: 4, failures: 0 });
    expect(status.totals.cacheHits).to.be.at.least(1);
    expect(status.totals.cacheHitRate).to.equal((status.totals.cacheHits / 4) * 100);
    expect(status.byCapability.price).to.include({ requests: 4 });
    expect(status.cache.keys).to.be.at.least(2);
    expect(status.recentErrors[0]).to.include({ providerId: 'alpha', kind: 'rate_limited', count: 1, action: 'backoff' });
    expect(beta.latency.count).to.be.at.least(1);
    expect(beta.latency.histogram.reduce((total, bucket) => total + bucket.count, 0)).to.equal(beta.latency.count);
  });
});

describe('RouterStatus provider states', () => {
  /** CoinGecko's declared protection: one call per 10 s, a 5-minute cache. */
  const GECKO = { rateLimit: { requests: 6, windowMs: 60_000, minIntervalMs: 10_000 }, cacheTtlMs: { price: 300_000 }, resilience: { retry: { maxAttempts: 0 } } };

  it('shows a provider held back by its declared spacing, answering from its cache, as cached; online once it may be called again', async () => {
    const clock = new ManualClock();
    const { router, container } = createRouterHarness([{ id: 'gecko', weight: 1, priority: 1, declaration: GECKO }], { clock });
    const state = async (): Promise<string> => (await container.get(RouterStatus).snapshot()).providers[0]!.state;
    expect(await state()).to.equal('online');
    await router.route('price', { symbol: 'BTC' });
    expect(await state()).to.equal('cached');
    expect((await router.route('price', { symbol: 'BTC' })).cached).to.equal(true);
    expect(await state()).to.equal('cached');
    clock.advance(10_000);
    expect(await state()).to.equal('online');
  });

  it('shows a provider cooling down after a 429 as rate-limited, and one whose every recent call failed as offline', async () => {
    const clock = new ManualClock();
    const { router, providers, container } = createRouterHarness(
      [
        { id: 'gecko', weight: 1, priority: 1, declaration: GECKO },
        { id: 'down', weight: 1, priority: 2, declaration: { resilience: { retry: { maxAttempts: 0 } } } },
        { id: 'up', weight: 1, priority: 3 },
      ],
      { clock },
    );
    providers.gecko!.behaviour = { fail: 'rate_limited' };
    providers.down!.behaviour = { fail: 'unavailable' };
    for (const symbol of ['BTC', 'ETH', 'SOL']) await router.route('price', { symbol });
    const byId = Object.fromEntries((await container.get(RouterStatus).snapshot()).providers.map((provider) => [provider.id, provider]));
    expect(byId.gecko).to.include({ state: 'rate-limited', rateLimited: true });
    expect(byId.gecko!.cooldownUntil).to.be.greaterThan(clock.now());
    expect(byId.down).to.include({ state: 'offline' });
    expect(byId.up).to.include({ state: 'online' });
  });
});
