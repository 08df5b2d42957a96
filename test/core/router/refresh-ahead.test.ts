import { expect } from 'chai';
import { configFromObject } from '../../../core/config/config-loader.js';
import type { Capability, CapabilityQuery, CapabilityResult } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { capturedLogger, type CapturedLogger } from '../../helpers/captured-logger.js';
import { CachedRoute } from '../../../core/router/cached-route.js';
import { createRouterHarness, type RouterHarness, type ScriptedProvider } from '../../helpers/router-harness.js';
import { ManualClock } from '../../helpers/manual-clock.js';

interface RefreshHarness extends RouterHarness {
  clock: ManualClock;
  only: ScriptedProvider;
  logs: CapturedLogger;
  /** Upstream calls of `only` per symbol. */
  callsFor: Record<string, number>;
}

/** One provider with a 10 s price TTL, on a clock the test moves, counting its upstream calls per symbol. */
function harness(router: Record<string, unknown> = {}): RefreshHarness {
  const clock = new ManualClock();
  const logs = capturedLogger();
  const built = createRouterHarness(
    [{ id: 'only', weight: 1, priority: 1, declaration: { cacheTtlMs: { price: 10_000 }, rateLimit: { requests: 100_000, windowMs: 60_000, minIntervalMs: 0 }, resilience: { retry: { maxAttempts: 0 } } } }],
    { clock, router, logger: logs.logger },
  );
  const only = built.providers.only!;
  const callsFor: Record<string, number> = {};
  const answer = only.fetch.bind(only);
  only.fetch = <C extends Capability>(capability: C, query: CapabilityQuery<C>, context: FetchContext): Promise<CapabilityResult<C>> => {
    const symbol = (query as { symbol: string }).symbol;
    callsFor[symbol] = (callsFor[symbol] ?? 0) + 1;
    return answer(capability, query, context);
  };
  return { ...built, clock, only, logs, callsFor };
}

/** Lets a background refresh started by a request finish. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('RefreshAhead', () => {
  it('counts a hit served by the cache-hit lane (the fast lanes) as demand: the hot answer is refreshed all the same', async () => {
    const built = harness();
    const lane = built.container.get<CachedRoute>(CachedRoute);
    const btc = { symbol: 'BTC', quote: 'USD' };
    await built.router.route('price', btc);
    built.clock.advance(9_200);
    expect(lane.serve('price', btc)).to.include({ cached: true, providerId: 'only' });
    await settle();
    expect(built.callsFor.BTC, 'the refresh the lane\'s hit started').to.equal(2);
    // Past the first answer's expiry the lane still serves, from the refreshed answer.
    built.clock.advance(2_000);
    expect(lane.serve('price', btc)).to.include({ cached: true, fetchedAt: built.clock.now() - 2_000 });
  });

  it('refreshes a hot answer in the background before it expires, so requests after its expiry are still cache hits', async () => {
    const { router, clock, callsFor } = harness();
    await router.route('price', { symbol: 'BTC' });
    clock.advance(5_000);
    expect((await router.route('price', { symbol: 'BTC' })).cached).to.equal(true);
    expect(callsFor.BTC).to.equal(1);
    // Past 90 % of the TTL: this request is answered from the cache and starts the refresh.
    clock.advance(4_200);
    expect((await router.route('price', { symbol: 'BTC' })).cached).to.equal(true);
    await settle();
    expect(callsFor.BTC).to.equal(2);
    const refreshedAt = clock.now();
    // Past the first answer's expiry the refreshed one serves, with no upstream call.
    clock.advance(2_000);
    expect(await router.route('price', { symbol: 'BTC' })).to.include({ cached: true, stale: false, fetchedAt: refreshedAt });
    await settle();
    expect(callsFor.BTC).to.equal(2);
  });

  it('refreshes an answer at most once per fetched answer, however many requests come while it is due', async () => {
    const { router, clock, callsFor } = harness();
    await router.route('price', { symbol: 'BTC' });
    clock.advance(9_500);
    await Promise.all(Array.from({ length: 50 }, () => router.route('price', { symbol: 'BTC' })));
    await settle();
    for (let index = 0; index < 50; index += 1) await router.route('price', { symbol: 'BTC' });
    await settle();
    expect(callsFor.BTC).to.equal(2);
  });

  it('leaves a cold answer alone: a symbol nobody asks for again expires without an upstream call', async () => {
    const { router, clock, callsFor } = harness();
    await router.route('price', { symbol: 'BTC' });
    await router.route('price', { symbol: 'ETH' });
    for (let second = 1; second <= 30; second += 1) {
      clock.advance(1_000);
      await router.route('price', { symbol: 'BTC' });
      await settle();
    }
    // BTC was kept fresh by refreshes (one per fetched answer, so three in 30 s); ETH was never refreshed.
    expect(callsFor.BTC).to.equal(4);
    expect(callsFor.ETH).to.equal(1);
    const eth = await router.route('price', { symbol: 'ETH' });
    expect(eth.cached).to.equal(false);
  });

  it('stops refreshing a provider\'s answer nobody was served within refreshAhead.demandTtls (2) of its TTLs', async () => {
    const clock = new ManualClock();
    const declaration = { cacheTtlMs: { price: 10_000 }, rateLimit: { requests: 100_000, windowMs: 60_000, minIntervalMs: 0 }, resilience: { retry: { maxAttempts: 0 } } };
    const { router, providers } = createRouterHarness(
      [
        { id: 'heavy', weight: 1_000, priority: 1, declaration },
        { id: 'light', weight: 1, priority: 2, declaration },
      ],
      { clock },
    );
    // Cold: heavy answers, light gives the second opinion; both answers are cached.
    expect((await router.route('price', { symbol: 'BTC' })).providerId).to.equal('light');
    for (let round = 0; round < 6; round += 1) {
      clock.advance(9_500);
      // The rotation serves heavy's answer every time; light's is only refreshed while it was served recently.
      expect((await router.route('price', { symbol: 'BTC' })).providerId).to.equal('heavy');
      await settle();
    }
    expect(providers.heavy!.calls).to.equal(7);
    // Fetched at 0 s, refreshed at 9.5 s and 19 s (within 20 s of its last demand at 0 s), then left to expire.
    expect(providers.light!.calls).to.equal(3);
  });

  it('serves the answer being refreshed, even past its TTL, until the refresh lands (stale-while-revalidate): no request waits on it', async () => {
    const { router, clock, only, callsFor } = harness();
    const first = await router.route('price', { symbol: 'BTC' });
    const answer = only.fetch.bind(only);
    let release: (() => void) | undefined;
    only.fetch = (capability, query, context) =>
      new Promise((resolve, reject) => {
        release = () => answer(capability, query, context).then(resolve, reject);
      });
    clock.advance(9_500);
    await router.route('price', { symbol: 'BTC' });
    await settle();
    expect(release, 'the refresh is out').to.be.a('function');
    // Past the TTL, the refresh still out: the answer it refreshes is served at once, from the cache.
    clock.advance(1_000);
    expect(await router.route('price', { symbol: 'BTC' })).to.include({ cached: true, fetchedAt: first.fetchedAt });
    release!();
    await settle();
    expect(callsFor.BTC).to.equal(2);
    expect(await router.route('price', { symbol: 'BTC' })).to.include({ cached: true, fetchedAt: clock.now() });
  });

  it('keeps the cached answer when a refresh fails, and logs the failure below error', async () => {
    const { router, clock, callsFor, only, logs } = harness();
    const first = await router.route('price', { symbol: 'BTC' });
    only.behaviour = { fail: 'unavailable' };
    clock.advance(9_500);
    await router.route('price', { symbol: 'BTC' });
    await settle();
    expect(callsFor.BTC).to.equal(2);
    const still = await router.route('price', { symbol: 'BTC' });
    expect(still).to.include({ cached: true, stale: false, fetchedAt: first.fetchedAt });
    expect(logs.text()).to.include('Refresh ahead failed');
    const levels = logs
      .text()
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { level: number; msg: string }));
    expect(levels.filter((line) => line.level >= 50)).to.deep.equal([]);
  });

  it('does not cache a refreshed price far from the reference: the entry it would replace keeps serving', async () => {
    const { router, clock, only } = harness();
    const first = await router.route('price', { symbol: 'BTC' });
    only.behaviour = { price: 50_000_000 };
    clock.advance(9_500);
    await router.route('price', { symbol: 'BTC' });
    await settle();
    const still = await router.route('price', { symbol: 'BTC' });
    expect(still).to.include({ cached: true, fetchedAt: first.fetchedAt });
    expect(still.data.price).to.equal(50_000);
  });

  it('refreshes nothing with refreshAhead.enabled false', async () => {
    const { router, clock, callsFor } = harness({ refreshAhead: { enabled: false } });
    await router.route('price', { symbol: 'BTC' });
    clock.advance(9_500);
    await router.route('price', { symbol: 'BTC' });
    await settle();
    expect(callsFor.BTC).to.equal(1);
  });

  it('rejects a bad refreshAhead setting, naming it', () => {
    expect(() => configFromObject({ plugins: [], router: { refreshAhead: { atPercentOfTtl: 20 } } }, 'test-config.json')).to.throw(/router\.refreshAhead\.atPercentOfTtl/);
  });
});
