import { expect } from 'chai';
import { ContainerModule, injectable, injectFromBase } from 'inversify';
import { ResponseCache } from '../../../core/cache/response-cache.js';
import { ProviderError } from '../../../core/errors/provider-error.js';
import { Deadline } from '../../../core/resilience/deadline.js';
import { ProviderPolicyFactory } from '../../../core/resilience/provider-policy-factory.js';
import { ListingMarketCatalogue } from '../../../core/markets/listing-market-catalogue.js';
import { MarketCatalogue, type ResolvedMarket } from '../../../core/markets/market-catalogue.js';
import { CachedRoute } from '../../../core/router/cached-route.js';
import type { RoutedAnswer } from '../../../core/router/market-router.js';
import { ProviderHealth } from '../../../core/router/provider-health.js';
import type { RouterCounters } from '../../../core/stats/router-stats.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { MapCacheStore } from '../../helpers/map-cache-store.js';
import { createRouterHarness, threeScriptedProviders, type RouterHarness, type RouterHarnessOptions, type ScriptedProviderSpec } from '../../helpers/router-harness.js';

const BTC = { symbol: 'BTC', quote: 'USD' };

/** A router over `specs` with its cache-hit lane and a clock the test moves. */
interface Lane {
  harness: RouterHarness;
  cached: CachedRoute;
  clock: ManualClock;
}

function lane(specs: ScriptedProviderSpec[] = threeScriptedProviders(), modules: ContainerModule[] = [], options: RouterHarnessOptions = {}): Lane {
  const clock = new ManualClock();
  const harness = createRouterHarness(specs, { ...options, clock, modules });
  return { harness, cached: harness.container.get<CachedRoute>(CachedRoute), clock };
}

/** The listing catalogue, except that the test can take a provider's markets away (as a new listing without them would). */
@injectable()
@injectFromBase()
class ShrinkingCatalogue extends ListingMarketCatalogue {
  private readonly delisted = new Set<string>();

  delist(providerId: string): void {
    this.delisted.add(providerId);
    this.generation += 1;
  }

  override resolve(providerId: string, base: string, quote: string): ResolvedMarket | undefined {
    return this.delisted.has(providerId) ? undefined : super.resolve(providerId, base, quote);
  }
}

/** What a client could tell apart in an answer, and where it came from. */
function seen(answer: RoutedAnswer<'price'>): Record<string, unknown> {
  return { providerId: answer.providerId, price: answer.data.price, cached: answer.cached, stale: answer.stale, fetchedAt: answer.fetchedAt, market: answer.market };
}

/** The counters the status and `/metrics` show per provider, and the totals. */
function accounting(counters: RouterCounters): Record<string, unknown> {
  const providers = Object.fromEntries(
    Object.entries(counters.providers).map(([id, provider]) => [id, { requests: provider.requests, served: provider.served, cacheHits: provider.cacheHits, cacheMisses: provider.cacheMisses, upstreamCalls: provider.upstreamCalls }]),
  );
  const { requests, successes, cacheHits, upstreamCalls } = counters.totals;
  return { providers, totals: { requests, successes, cacheHits, upstreamCalls } };
}

/** `count` requests: through the lane when it serves, else the full route, as the fast lane does. */
async function viaLane(subject: Lane, count: number): Promise<{ answers: Record<string, unknown>[]; fromLane: number }> {
  const answers: Record<string, unknown>[] = [];
  let fromLane = 0;
  for (let index = 0; index < count; index += 1) {
    const hit = subject.cached.serve('price', BTC);
    if (hit !== undefined) fromLane += 1;
    answers.push(seen(hit ?? (await subject.harness.router.route('price', BTC))));
  }
  return { answers, fromLane };
}

async function viaRoute(subject: Lane, count: number): Promise<Record<string, unknown>[]> {
  const answers: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index += 1) answers.push(seen(await subject.harness.router.route('price', BTC)));
  return answers;
}

/** Two identical routers after the same warm-up: the test drives one through the lane, the other through `route` only. */
async function twins(specs: () => ScriptedProviderSpec[], warmUp = 6, prepare: (subject: Lane) => void = () => undefined, options: () => RouterHarnessOptions = () => ({})): Promise<[Lane, Lane]> {
  const pair: [Lane, Lane] = [lane(specs(), [], options()), lane(specs(), [], options())];
  for (const subject of pair) {
    prepare(subject);
    await viaRoute(subject, warmUp);
  }
  return pair;
}

describe('SmartCachedRoute (the cache-hit lane)', () => {
  it('serves what route would, in the same rotation sequence, with the same cache-hit accounting', async () => {
    const [fast, full] = await twins(() => threeScriptedProviders());
    const laneRun = await viaLane(fast, 30);
    expect(laneRun.fromLane, 'requests the lane served').to.equal(30);
    expect(laneRun.answers).to.deep.equal(await viaRoute(full, 30));
    expect(new Set(laneRun.answers.map((answer) => answer.providerId)).size, 'the rotation goes on').to.equal(3);
    expect(accounting(await fast.harness.stats.counters())).to.deep.equal(accounting(await full.harness.stats.counters()));
  });

  it('answers nothing and changes nothing on a miss: the full route then picks as if the lane were not there', async () => {
    const [fast, full] = [lane(), lane()];
    expect(fast.cached.serve('price', BTC)).to.equal(undefined);
    expect(accounting(await fast.harness.stats.counters())).to.deep.equal(accounting(await full.harness.stats.counters()));
    expect((await viaLane(fast, 8)).answers).to.deep.equal(await viaRoute(full, 8));
    expect(accounting(await fast.harness.stats.counters())).to.deep.equal(accounting(await full.harness.stats.counters()));
  });

  it('leaves a stale entry to the full route, which asks the upstream again', async () => {
    const [fast, full] = await twins(() => threeScriptedProviders());
    for (const subject of [fast, full]) subject.clock.advance(10_001);
    expect(fast.cached.serve('price', BTC)).to.equal(undefined);
    const laneRun = await viaLane(fast, 6);
    expect(laneRun.answers).to.deep.equal(await viaRoute(full, 6));
    expect(laneRun.answers[0]!.cached, 'the first answer after expiry is fresh from upstream').to.equal(false);
    expect(accounting(await fast.harness.stats.counters())).to.deep.equal(accounting(await full.harness.stats.counters()));
  });

  it('leaves out a provider whose breaker is open and who has no fresh answer, and hands the probe to the full route once its wait is over', async () => {
    const specs = (): ScriptedProviderSpec[] =>
      threeScriptedProviders({ cacheTtlMs: { price: 120_000 }, resilience: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 50 } } });
    const [fast, full] = await twins(specs, 6, (subject) => (subject.harness.providers.alpha!.behaviour = { fail: 'unavailable' }));
    const laneRun = await viaLane(fast, 12);
    expect(laneRun.fromLane).to.equal(12);
    expect(laneRun.answers).to.deep.equal(await viaRoute(full, 12));
    expect(laneRun.answers.some((answer) => answer.providerId === 'alpha'), 'alpha, ejected, is never served').to.equal(false);
    expect(accounting(await fast.harness.stats.counters())).to.deep.equal(accounting(await full.harness.stats.counters()));

    // The breaker's wait runs on both clocks: the router's (manual) and cockatiel's own.
    await new Promise((resolve) => setTimeout(resolve, 60));
    for (const subject of [fast, full]) {
      subject.clock.advance(51);
      subject.harness.providers.alpha!.behaviour = { price: 50_000 };
    }
    expect(fast.cached.serve('price', BTC), 'alpha is due for its probe').to.equal(undefined);
    const calls = fast.harness.providers.alpha!.calls;
    expect((await viaLane(fast, 6)).answers).to.deep.equal(await viaRoute(full, 6));
    expect(fast.harness.providers.alpha!.calls, 'the full route probed alpha').to.equal(calls + 1);
  });

  it('leaves out a provider the rate limit refuses that has no fresh answer, and hands a callable one without a fresh answer to the full route', async () => {
    const specs = (): ScriptedProviderSpec[] => {
      const [alpha, beta, gamma] = threeScriptedProviders({ cacheTtlMs: { price: 120_000 } });
      return [{ ...alpha!, declaration: { ...alpha!.declaration, cacheTtlMs: { price: 1_000 }, rateLimit: { requests: 1, windowMs: 60_000, minIntervalMs: 0 } } }, beta!, gamma!];
    };
    const [fast, full] = await twins(specs);
    for (const subject of [fast, full]) subject.clock.advance(1_001);
    const laneRun = await viaLane(fast, 12);
    expect(laneRun.fromLane).to.equal(12);
    expect(laneRun.answers).to.deep.equal(await viaRoute(full, 12));
    expect(laneRun.answers.some((answer) => answer.providerId === 'alpha'), 'alpha, refused by its limit and stale, is not asked').to.equal(false);

    for (const subject of [fast, full]) subject.clock.advance(60_000);
    const picks = await viaLane(fast, 6);
    expect(picks.fromLane, 'alpha, callable again, is picked without a fresh answer: a miss for the lane').to.be.lessThan(6);
    expect(picks.answers).to.deep.equal(await viaRoute(full, 6));
    expect(accounting(await fast.harness.stats.counters())).to.deep.equal(accounting(await full.harness.stats.counters()));
  });

  it('follows the market catalogue: once a provider no longer lists the market, the lane no longer serves it, as route does not', async () => {
    const shrinking = (): ContainerModule => new ContainerModule(({ rebind }) => void rebind(MarketCatalogue).to(ShrinkingCatalogue).inSingletonScope());
    const [fast, full] = [lane(threeScriptedProviders(), [shrinking()]), lane(threeScriptedProviders(), [shrinking()])];
    for (const subject of [fast, full]) await viaRoute(subject, 6);
    expect((await viaLane(fast, 6)).fromLane, 'every provider answers from its cache').to.equal(6);
    await viaRoute(full, 6);
    for (const subject of [fast, full]) subject.harness.container.get<ShrinkingCatalogue>(MarketCatalogue).delist('alpha');
    const laneRun = await viaLane(fast, 12);
    expect(laneRun.fromLane).to.equal(12);
    expect(laneRun.answers).to.deep.equal(await viaRoute(full, 12));
    expect(laneRun.answers.some((answer) => answer.providerId === 'alpha'), 'alpha no longer lists BTC/USD').to.equal(false);
  });

  describe('while it keeps what it read of the cache, the circuits and health between requests', () => {
    const longLived = (): ScriptedProviderSpec[] => threeScriptedProviders({ cacheTtlMs: { price: 120_000 } });

    it('weighs with health as it is now: after an outcome is recorded, the rotation goes on exactly as route\'s', async () => {
      const [fast, full] = await twins(longLived);
      expect((await viaLane(fast, 10)).answers).to.deep.equal(await viaRoute(full, 10));
      for (const subject of [fast, full]) subject.harness.container.get<ProviderHealth>(ProviderHealth).record('alpha', false, 5);
      const laneRun = await viaLane(fast, 30);
      expect(laneRun.fromLane).to.equal(30);
      expect(laneRun.answers).to.deep.equal(await viaRoute(full, 30));
      expect(laneRun.answers.filter((answer) => answer.providerId === 'alpha').length, 'alpha, half its calls failed, is picked less than half the time').to.be.lessThan(15);
    });

    it('weighs with health as it is now: once an outcome ages out of the health window, the weight it cost comes back', async () => {
      const [fast, full] = await twins(() => threeScriptedProviders({ cacheTtlMs: { price: 600_000 } }));
      for (const subject of [fast, full]) subject.harness.container.get<ProviderHealth>(ProviderHealth).record('alpha', false, 5);
      expect((await viaLane(fast, 10)).answers).to.deep.equal(await viaRoute(full, 10));
      for (const subject of [fast, full]) subject.clock.advance(300_001);
      const laneRun = await viaLane(fast, 30);
      expect(laneRun.fromLane).to.equal(30);
      expect(laneRun.answers).to.deep.equal(await viaRoute(full, 30));
      expect(laneRun.answers.filter((answer) => answer.providerId === 'alpha').length, 'alpha has its full weight of 50 in 100 back').to.equal(15);
    });

    it('stops serving an answer once it expires, while the others it holds are still fresh', async () => {
      const specs = (): ScriptedProviderSpec[] => {
        const [alpha, beta, gamma] = longLived();
        return [alpha!, beta!, { ...gamma!, declaration: { ...gamma!.declaration, cacheTtlMs: { price: 1_000 } } }];
      };
      const [fast, full] = await twins(specs);
      expect((await viaLane(fast, 10)).fromLane).to.equal(10);
      await viaRoute(full, 10);
      for (const subject of [fast, full]) subject.clock.advance(1_000);
      const laneRun = await viaLane(fast, 12);
      expect(laneRun.answers).to.deep.equal(await viaRoute(full, 12));
      const gamma = laneRun.answers.find((answer) => answer.providerId === 'gamma');
      expect(gamma?.cached, 'gamma is asked again upstream, not served from its expired answer').to.equal(false);
      expect(laneRun.fromLane, 'the request that reached gamma went to the full route').to.equal(11);
    });

    it('stops serving an answer the cache dropped, and serves the one that replaces it', async () => {
      const [fast, full] = await twins(longLived);
      expect((await viaLane(fast, 10)).fromLane).to.equal(10);
      await viaRoute(full, 10);
      for (const subject of [fast, full]) {
        subject.harness.container.get(ResponseCache).drop(subject.harness.providers.alpha!, 'price', BTC);
        subject.harness.providers.alpha!.behaviour = { price: 51_000 };
      }
      const laneRun = await viaLane(fast, 12);
      expect(laneRun.answers).to.deep.equal(await viaRoute(full, 12));
      const fromAlpha = laneRun.answers.filter((answer) => answer.providerId === 'alpha');
      expect(fromAlpha.map((answer) => answer.price), 'alpha\'s dropped answer is never served again').to.deep.equal(fromAlpha.map(() => 51_000));
      expect(fromAlpha.length, 'alpha is still in the rotation').to.be.greaterThan(1);
    });

    it('follows a circuit that opens on a provider it holds a fresh answer of, and gives that provider the first attempt once its probe is due', async () => {
      const specs = (): ScriptedProviderSpec[] => threeScriptedProviders({ cacheTtlMs: { price: 120_000 }, resilience: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 50 } } });
      const [fast, full] = await twins(specs);
      expect((await viaLane(fast, 10)).fromLane).to.equal(10);
      await viaRoute(full, 10);
      // One failed call straight through alpha's policy opens its circuit; health records nothing of it, so only the circuit says so.
      for (const subject of [fast, full]) {
        const deadline = new Deadline(1_000);
        const failing = subject.harness.container.get(ProviderPolicyFactory).policyFor(subject.harness.providers.alpha!).execute(() => Promise.reject(new ProviderError('alpha', 'unavailable', 'down')), deadline, () => Promise.resolve(false));
        await failing.catch(() => undefined);
        deadline.dispose();
      }
      expect(fast.harness.container.get(ProviderPolicyFactory).policyFor(fast.harness.providers.alpha!).circuit()).to.equal('open');
      expect((await viaLane(fast, 6)).answers).to.deep.equal(await viaRoute(full, 6));

      await new Promise((resolve) => setTimeout(resolve, 60));
      for (const subject of [fast, full]) {
        subject.clock.advance(51);
        subject.harness.providers.alpha!.behaviour = { price: 50_000 };
      }
      const afterWait = await viaLane(fast, 6);
      expect(afterWait.answers).to.deep.equal(await viaRoute(full, 6));
      expect(afterWait.answers[0]!.providerId, 'alpha, due for its probe, gets the first attempt').to.equal('alpha');
    });

    it('reads a cache store that does not count its changes on every request, with the same answers', async () => {
      const [fast, full] = await twins(longLived, 6, () => undefined, () => ({ cacheStore: new MapCacheStore() }));
      const laneRun = await viaLane(fast, 10);
      expect(laneRun.fromLane).to.equal(10);
      expect(laneRun.answers).to.deep.equal(await viaRoute(full, 10));
      for (const subject of [fast, full]) subject.harness.container.get(ResponseCache).drop(subject.harness.providers.beta!, 'price', BTC);
      const afterDrop = await viaLane(fast, 12);
      expect(afterDrop.answers).to.deep.equal(await viaRoute(full, 12));
      expect(afterDrop.fromLane, 'the request that reached beta went to the full route').to.equal(11);
    });
  });
});
