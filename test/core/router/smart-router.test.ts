import { expect } from 'chai';
import { NotFoundError, ServiceUnavailableError } from '../../../core/errors/index.js';
import { ProviderPolicyFactory } from '../../../core/resilience/provider-policy-factory.js';
import { errorOf } from '../../helpers/error-of.js';
import { createRouterHarness, threeScriptedProviders, type ScriptedProviderSpec } from '../../helpers/router-harness.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { roundTripGuardModule } from '../../helpers/round-trip-guard.js';

/** SPEC §3 default price weights and priorities, with limits loose enough for many requests. */
const DEFAULTS: ScriptedProviderSpec[] = [
  { id: 'binance', weight: 30, priority: 1 },
  { id: 'coinbase', weight: 20, priority: 2 },
  { id: 'kraken', weight: 20, priority: 3 },
  { id: 'bitstamp', weight: 10, priority: 4 },
  { id: 'gemini', weight: 10, priority: 5 },
  { id: 'cryptocompare', weight: 5, priority: 6 },
  { id: 'coingecko', weight: 5, priority: 9 },
].map((spec) => ({ ...spec, declaration: { rateLimit: { requests: 100_000, windowMs: 60_000, minIntervalMs: 0 } } }));

/** Three providers whose answers are never cached, so every request reaches upstream. */
function uncached(overrides: Partial<ScriptedProviderSpec['declaration']> = {}): ScriptedProviderSpec[] {
  return threeScriptedProviders({ cacheTtlMs: { price: 0 }, ...overrides });
}

describe('SmartRouter', () => {
  describe('weighted rotation', () => {
    it('varies the source across 10 consecutive price requests with the default weights', async () => {
      const { router } = createRouterHarness(DEFAULTS);
      const sources: string[] = [];
      for (let index = 0; index < 10; index += 1) sources.push((await router.route('price', { symbol: 'BTC' })).providerId);
      expect(new Set(sources).size).to.be.greaterThanOrEqual(4);
      // The first request cross-checks binance's quote with coinbase (no reference price yet); then
      // the smooth rotation continues: coinbase, kraken, bitstamp, binance...
      expect(sources.slice(1, 5)).to.deep.equal(['coinbase', 'kraken', 'bitstamp', 'binance']);
    });

    it('keeps each provider within 2 points of its weight share over 1,000 decisions', async () => {
      const { router, stats } = createRouterHarness(DEFAULTS);
      for (let index = 0; index < 1_000; index += 1) await router.route('price', { symbol: 'BTC' });
      const providers = (await stats.counters()).providers;
      const totalWeight = DEFAULTS.reduce((total, spec) => total + spec.weight, 0);
      for (const spec of DEFAULTS) {
        const share = (providers[spec.id]!.served / 1_000) * 100;
        expect(share, spec.id).to.be.closeTo((spec.weight / totalWeight) * 100, 2);
      }
    });

    it('serves a provider with a fresh answer from cache without an upstream call', async () => {
      const { router, providers } = createRouterHarness([
        { id: 'only', weight: 1, priority: 1 },
      ]);
      const first = await router.route('price', { symbol: 'BTC' });
      const second = await router.route('price', { symbol: 'BTC' });
      expect(first.cached).to.equal(false);
      expect(second).to.include({ cached: true, stale: false, providerId: 'only', source: 'ONLY' });
      expect(second.data.price).to.equal(first.data.price);
      expect(providers.only!.calls).to.equal(1);
    });
  });

  describe('failover', () => {
    for (const [name, behaviour] of [
      ['a 500', { fail: 'unavailable' }],
      ['a 429', { fail: 'rate_limited' }],
      ['an invalid answer', { fail: 'schema_drift' }],
      ['an insane value', { fail: 'insane_value' }],
    ] as const) {
      it(`fails over by priority on ${name}`, async () => {
        const { router, providers, stats } = createRouterHarness(uncached());
        providers.alpha!.behaviour = behaviour;
        await router.route('price', { symbol: 'BTC' });
        const answer = await router.route('price', { symbol: 'BTC' });
        expect(answer.providerId).to.not.equal('alpha');
        expect(answer.data.price).to.equal(50_000);
        expect((await stats.counters()).providers.alpha!.failuresByKind[behaviour.fail]).to.be.greaterThanOrEqual(1);
      });
    }

    it('fails over when a provider does not answer within its timeout', async () => {
      const { router, providers, stats } = createRouterHarness(uncached({ resilience: { timeoutMs: 50, retry: { maxAttempts: 0 } } }));
      providers.alpha!.behaviour = { hang: true };
      const answer = await router.route('price', { symbol: 'BTC' });
      expect(answer.providerId).to.not.equal('alpha');
      expect(answer.data.price).to.equal(50_000);
      expect((await stats.counters()).providers.alpha!.failuresByKind.timeout).to.equal(1);
    });

    it('does not call a provider again while it cools down after a 429', async () => {
      const { router, providers } = createRouterHarness(uncached());
      providers.alpha!.behaviour = { fail: 'rate_limited', retryAfterMs: 60_000 };
      for (let index = 0; index < 10; index += 1) await router.route('price', { symbol: 'BTC' });
      expect(providers.alpha!.calls).to.equal(1);
    });

    it('rejects an answer for another symbol than the one asked', async () => {
      const { router, providers } = createRouterHarness(uncached());
      const original = providers.alpha!.fetch.bind(providers.alpha!);
      providers.alpha!.fetch = async (capability, query, context) => ({ ...(await original(capability, query, context)), symbol: 'ETH' }) as never;
      for (let index = 0; index < 5; index += 1) {
        const answer = await router.route('price', { symbol: 'BTC' });
        expect(answer.providerId).to.not.equal('alpha');
      }
    });

    it('opens the circuit after its threshold, skips the provider, then half-opens and recovers', async () => {
      const [alpha] = uncached({ resilience: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 50 } } });
      const { router, providers, container } = createRouterHarness([alpha!]);
      const policy = container.get(ProviderPolicyFactory).policyFor(providers.alpha!);
      providers.alpha!.behaviour = { fail: 'unavailable' };
      for (let index = 0; index < 6; index += 1) expect(await errorOf(router.route('price', { symbol: 'BTC' }))).to.be.instanceOf(ServiceUnavailableError);
      expect(providers.alpha!.calls).to.equal(3);
      expect(policy.circuit()).to.equal('open');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(policy.circuit()).to.equal('half-open');
      providers.alpha!.behaviour = { price: 50_000 };
      const answer = await router.route('price', { symbol: 'BTC' });
      expect(answer.providerId).to.equal('alpha');
      expect(policy.circuit()).to.equal('closed');
    });

    it('shifts traffic away from a slow provider and gives it back once it is fast again', async () => {
      const clock = new ManualClock();
      const { router, stats, providers } = createRouterHarness(uncached(), { clock, router: { health: { slowLatencyMs: 5, windowMs: 60_000 } } });
      providers.alpha!.behaviour = { delayMs: 40, price: 50_000 };
      for (let index = 0; index < 60; index += 1) await router.route('price', { symbol: 'BTC' });
      const slowShare = (await stats.counters()).providers.alpha!.served / 60;
      expect(slowShare).to.be.lessThan(0.3);
      providers.alpha!.behaviour = { price: 50_000 };
      clock.advance(61_000);
      const before = (await stats.counters()).providers.alpha!.served;
      for (let index = 0; index < 60; index += 1) await router.route('price', { symbol: 'BTC' });
      const recoveredShare = ((await stats.counters()).providers.alpha!.served - before) / 60;
      expect(recoveredShare).to.be.closeTo(0.5, 0.05);
    });
  });

  describe('coalescing', () => {
    it('answers 1,000 concurrent identical requests for an uncached symbol with one upstream call plus its second opinion', async () => {
      const { router, providers, stats } = createRouterHarness(DEFAULTS.map((spec) => ({ ...spec, declaration: { ...spec.declaration, cacheTtlMs: { price: 0 } } })));
      for (const provider of Object.values(providers)) provider.behaviour = { delayMs: 20, price: 50_000 };
      const calls = (): number => Object.values(providers).reduce((total, provider) => total + provider.calls, 0);
      const cold = await Promise.all(Array.from({ length: 1_000 }, () => router.route('price', { symbol: 'BTC' })));
      expect(cold.every((answer) => answer.data.price === 50_000 && !answer.cached)).to.equal(true);
      // No reference price yet: the first quote needs a second opinion.
      expect(calls()).to.equal(2);
      // The reference is known now; nothing is cached (TTL 0): one upstream call for the whole burst.
      const warm = await Promise.all(Array.from({ length: 1_000 }, () => router.route('price', { symbol: 'BTC' })));
      expect(warm.every((answer) => answer.data.price === 50_000)).to.equal(true);
      expect(calls()).to.equal(3);
      const counted = (await stats.counters()).providers;
      const coalesced = Object.values(counted).reduce((total, tally) => total + tally.coalesced, 0);
      const served = Object.values(counted).reduce((total, tally) => total + tally.served, 0);
      expect(coalesced).to.equal(1_998);
      expect(served).to.equal(2_000);
    });

    it('gives every request that joined a failing one the same error', async () => {
      const { router, providers } = createRouterHarness(uncached());
      for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
      const settled = await Promise.allSettled(Array.from({ length: 50 }, () => router.route('price', { symbol: 'BTC' })));
      expect(settled.every((result) => result.status === 'rejected' && result.reason instanceof ServiceUnavailableError)).to.equal(true);
      expect(Object.values(providers).map((provider) => provider.calls)).to.deep.equal([1, 1, 1]);
    });

    it('keeps the rotation for concurrent requests the cache answers: the same sources as one after the other', async () => {
      const sourcesOf = async (concurrent: boolean): Promise<string[]> => {
        const { router } = createRouterHarness(threeScriptedProviders());
        for (let index = 0; index < 10; index += 1) await router.route('price', { symbol: 'BTC' });
        if (concurrent) return (await Promise.all(Array.from({ length: 20 }, () => router.route('price', { symbol: 'BTC' })))).map((answer) => answer.providerId);
        const sources: string[] = [];
        for (let index = 0; index < 20; index += 1) sources.push((await router.route('price', { symbol: 'BTC' })).providerId);
        return sources;
      };
      const concurrent = await sourcesOf(true);
      expect(concurrent).to.deep.equal(await sourcesOf(false));
      expect(new Set(concurrent)).to.deep.equal(new Set(['alpha', 'beta', 'gamma']));
    });

    it('still makes at most one upstream call per provider when the guard settles slots after a round trip', async () => {
      const clock = new ManualClock();
      const { router, providers } = createRouterHarness(
        DEFAULTS.map((spec) => ({ ...spec, declaration: { ...spec.declaration, cacheTtlMs: { price: 10_000 } } })),
        { clock, modules: [roundTripGuardModule(clock)] },
      );
      const answers = await Promise.all(Array.from({ length: 100 }, () => router.route('price', { symbol: 'BTC' })));
      expect(answers.every((answer) => answer.data.price === 50_000)).to.equal(true);
      for (const provider of Object.values(providers)) expect(provider.calls, provider.id).to.be.at.most(1);
    });
  });

  describe('when every provider fails', () => {
    it('serves the freshest cached answer marked stale within the maximum staleness, then 503 with Retry-After', async () => {
      const clock = new ManualClock();
      const { router, providers } = createRouterHarness(uncached({ cacheTtlMs: { price: 1_000 } }), { clock, router: { maxStalenessMs: 60_000 } });
      await router.route('price', { symbol: 'BTC' });
      for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
      clock.advance(30_000);
      const stale = await router.route('price', { symbol: 'BTC' });
      expect(stale).to.include({ stale: true, cached: true });
      expect(stale.data.price).to.equal(50_000);
      clock.advance(31_000);
      const error = await errorOf(router.route('price', { symbol: 'BTC' }));
      expect(error).to.be.instanceOf(ServiceUnavailableError);
      expect((error as ServiceUnavailableError).retryAfterSeconds).to.be.a('number').and.at.least(1);
      expect(error.message).to.match(/No provider could answer price of BTC/);
    });

    it('answers 404 when no provider serves the query, without holding it against any provider', async () => {
      const [alpha] = uncached({ resilience: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } } });
      const { router, providers, container } = createRouterHarness([alpha!]);
      providers.alpha!.behaviour = { fail: 'unsupported' };
      for (let index = 0; index < 5; index += 1) {
        const error = await errorOf(router.route('ohlcv', { symbol: 'BTC', interval: '1m', limit: 10 }));
        expect(error).to.be.instanceOf(NotFoundError);
        expect((error as NotFoundError).code).to.equal('unsupported');
      }
      expect(container.get(ProviderPolicyFactory).policyFor(providers.alpha!).circuit()).to.equal('closed');
      expect(providers.alpha!.calls).to.equal(5);
    });

    it('answers 404 when the symbol is unknown to every provider', async () => {
      const { router, providers } = createRouterHarness(uncached());
      expect(await errorOf(router.route('price', { symbol: 'NOPE' }))).to.be.instanceOf(NotFoundError);
      for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unknown_symbol' };
      const error = await errorOf(router.route('price', { symbol: 'BTC' }));
      expect(error).to.be.instanceOf(NotFoundError);
      expect(router.knowsSymbol('price', 'BTC')).to.equal(true);
      expect(router.knowsSymbol('price', 'NOPE')).to.equal(false);
    });
  });

  describe('wrong prices', () => {
    it('never serves a provider answering 1000x the market, and counts it as rejected', async () => {
      const { router, providers, stats } = createRouterHarness(uncached());
      providers.alpha!.behaviour = { price: 50_000_000 };
      for (let index = 0; index < 50; index += 1) {
        const answer = await router.route('price', { symbol: 'BTC' });
        expect(answer.data.price).to.equal(50_000);
      }
      expect((await stats.counters()).providers.alpha!.failuresByKind.insane_value).to.be.greaterThan(0);
      expect((await stats.counters()).recentErrors.some((group) => group.providerId === 'alpha' && group.action === 'rejected')).to.equal(true);
    });

    it('asks a provider whose wrong answer was refused once per TTL, and counts the refusal once', async () => {
      const { router, providers, stats } = createRouterHarness(uncached({ cacheTtlMs: { price: 10_000 } }));
      providers.alpha!.behaviour = { price: 50_000_000 };
      const answers = await Promise.all(Array.from({ length: 10 }, () => router.route('price', { symbol: 'BTC' })));
      for (let index = 0; index < 10; index += 1) answers.push(await router.route('price', { symbol: 'BTC' }));
      expect(answers.every((answer) => answer.data.price === 50_000)).to.equal(true);
      expect(providers.alpha!.calls).to.equal(1);
      expect((await stats.counters()).providers.alpha!.failuresByKind.insane_value).to.equal(1);
    });

    it('asks the second opinion of a symbol with no reference price at the same time as the first provider', async () => {
      const { router, providers } = createRouterHarness(uncached());
      const held = new Map<string, () => void>();
      for (const provider of [providers.alpha!, providers.beta!]) {
        const answer = provider.fetch.bind(provider);
        provider.fetch = (capability, query, context) =>
          new Promise((resolve, reject) => {
            held.set(provider.id, () => answer(capability, query, context).then(resolve, reject));
          });
      }
      const routed = router.route('price', { symbol: 'BTC' });
      for (let turn = 0; turn < 100 && held.size < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      // Both upstream requests are out while neither has answered.
      expect([...held.keys()].sort()).to.deep.equal(['alpha', 'beta']);
      held.get('beta')!();
      held.get('alpha')!();
      const answer = await routed;
      expect(answer.data.price).to.equal(50_000);
      // Judged in plan order as before: alpha's quote waits, beta's agrees and is served.
      expect(answer.providerId).to.equal('beta');
      expect(providers.gamma!.calls).to.equal(0);
    });

    it('asks only one provider once a reference price is known and the quote is near it', async () => {
      const { router, providers } = createRouterHarness(uncached());
      await router.route('price', { symbol: 'BTC' });
      const before = Object.values(providers).reduce((total, provider) => total + provider.calls, 0);
      await router.route('price', { symbol: 'BTC' });
      expect(Object.values(providers).reduce((total, provider) => total + provider.calls, 0)).to.equal(before + 1);
    });

    it('follows a real market move that two providers agree on', async () => {
      const { router, providers } = createRouterHarness(uncached());
      await router.route('price', { symbol: 'BTC' });
      for (const provider of Object.values(providers)) provider.behaviour = { price: 60_000 };
      const answer = await router.route('price', { symbol: 'BTC' });
      expect(answer.data.price).to.equal(60_000);
    });

    it('refuses to serve a lone deviating price when no other provider can confirm it', async () => {
      const { router, providers } = createRouterHarness(uncached());
      await router.route('price', { symbol: 'BTC' });
      providers.alpha!.behaviour = { price: 50_000_000 };
      providers.beta!.behaviour = { fail: 'unavailable' };
      providers.gamma!.behaviour = { fail: 'unavailable' };
      const answer = await router.route('price', { symbol: 'BTC' }).catch((error: unknown) => error);
      if (!(answer instanceof ServiceUnavailableError)) expect((answer as { data: { price: number } }).data.price).to.equal(50_000);
    });
  });

  describe('consensus', () => {
    it('answers the median of several providers, its spread and the outliers rejected', async () => {
      const { router, providers } = createRouterHarness(uncached());
      providers.alpha!.behaviour = { price: 100 };
      providers.beta!.behaviour = { price: 102 };
      providers.gamma!.behaviour = { price: 1_000 };
      const answer = await router.consensus('BTC');
      expect(answer.price).to.equal(101);
      expect(answer.sources.map((source) => source.providerId).sort()).to.deep.equal(['alpha', 'beta']);
      expect(answer.outliers.map((source) => source.providerId)).to.deep.equal(['gamma']);
      expect(answer.spreadPercent).to.be.closeTo((2 / 101) * 100, 0.01);
    });

    it('answers 503 when too few providers agree', async () => {
      const { router, providers } = createRouterHarness(uncached());
      providers.alpha!.behaviour = { price: 100 };
      providers.beta!.behaviour = { fail: 'unavailable' };
      providers.gamma!.behaviour = { fail: 'timeout' };
      expect(await errorOf(router.consensus('BTC'))).to.be.instanceOf(ServiceUnavailableError);
    });
  });
});
