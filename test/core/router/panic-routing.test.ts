import { expect } from 'chai';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
import { ProviderPolicyFactory } from '../../../core/resilience/provider-policy-factory.js';
import { ProviderHealth } from '../../../core/router/provider-health.js';
import { errorOf } from '../../helpers/error-of.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { createRouterHarness, type ScriptedProviderSpec } from '../../helpers/router-harness.js';

const BTC = { symbol: 'BTC' };

/** Uncached providers with loose limits, no retries, and a breaker opening after two failures. */
function breakable(halfOpenAfterMs: number, weights: Record<string, number> = { alpha: 50, beta: 50 }): ScriptedProviderSpec[] {
  return Object.entries(weights).map(([id, weight], index) => ({
    id,
    weight,
    priority: index + 1,
    declaration: {
      cacheTtlMs: { price: 0 },
      rateLimit: { requests: 100_000, windowMs: 60_000, minIntervalMs: 0 },
      resilience: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 2, halfOpenAfterMs } },
    },
  }));
}

describe('Panic routing and recovery probes', () => {
  it('probes the provider whose circuit opened longest ago when every circuit is open, instead of refusing', async () => {
    const clock = new ManualClock();
    const { router, providers, container } = createRouterHarness(breakable(60_000), { clock, router: { maxStalenessMs: 0, panic: { probeIntervalMs: 1_000 } } });
    const policies = container.get(ProviderPolicyFactory);
    providers.beta!.behaviour = { fail: 'unavailable' };
    for (let index = 0; index < 20 && policies.policyFor(providers.beta!).circuit() !== 'open'; index += 1) await router.route('price', BTC);
    expect(policies.policyFor(providers.beta!).circuit()).to.equal('open');
    clock.advance(500);
    providers.alpha!.behaviour = { fail: 'unavailable' };
    await errorOf(router.route('price', BTC));
    await errorOf(router.route('price', BTC));
    expect(policies.policyFor(providers.alpha!).circuit()).to.equal('open');
    for (const provider of Object.values(providers)) provider.behaviour = { price: 50_000 };
    const refused = await errorOf(router.route('price', BTC));
    expect(refused, 'no probe before the probe interval').to.be.instanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).retryAfterSeconds, 'Retry-After says when the next probe may go').to.equal(1);
    clock.advance(1_000);
    const answer = await router.route('price', BTC);
    expect(answer.data.price).to.equal(50_000);
    expect(answer.providerId, 'beta: open longest, though alpha has the better priority').to.equal('beta');
    expect(policies.policyFor(providers.beta!).circuit()).to.equal('closed');
    expect(container.get<ProviderHealth>(ProviderHealth).factor('beta'), 'its failures no longer count').to.equal(1);
  });

  it('probes each provider at most once per interval while every upstream is still down', async () => {
    const clock = new ManualClock();
    const { router, providers } = createRouterHarness(breakable(60_000), { clock, router: { maxStalenessMs: 0, panic: { probeIntervalMs: 1_000 } } });
    for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
    await errorOf(router.route('price', BTC));
    await errorOf(router.route('price', BTC));
    const callsWhenOpen = providers.alpha!.calls + providers.beta!.calls;
    clock.advance(1_000);
    for (let index = 0; index < 10; index += 1) expect(await errorOf(router.route('price', BTC))).to.be.instanceOf(ServiceUnavailableError);
    expect(providers.alpha!.calls + providers.beta!.calls - callsWhenOpen, 'one probe per provider in the interval').to.equal(2);
    clock.advance(1_000);
    for (let index = 0; index < 10; index += 1) await errorOf(router.route('price', BTC));
    expect(providers.alpha!.calls + providers.beta!.calls - callsWhenOpen).to.equal(4);
  });

  it('probes for a batch request too when every circuit is open', async () => {
    const clock = new ManualClock();
    const { router, providers } = createRouterHarness(breakable(60_000), { clock, router: { maxStalenessMs: 0, panic: { probeIntervalMs: 1_000 } } });
    for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
    await router.routeMany('price', ['BTC', 'ETH']);
    await router.routeMany('price', ['BTC', 'ETH']);
    for (const provider of Object.values(providers)) provider.behaviour = { price: 50_000 };
    expect((await router.routeMany('price', ['BTC', 'ETH'])).every((result) => 'error' in result), 'no probe before the interval').to.equal(true);
    clock.advance(1_000);
    const answers = await router.routeMany('price', ['BTC', 'ETH']);
    expect(answers.map((result) => ('answer' in result ? result.answer.data.symbol : result.error.message))).to.deep.equal(['BTC', 'ETH']);
  });

  it('probes the providers ejected longest for a consensus when every circuit is open, and answers with those that agree', async () => {
    const clock = new ManualClock();
    const { router, providers, container } = createRouterHarness(breakable(60_000, { alpha: 25, beta: 25, gamma: 25, delta: 25 }), {
      clock,
      router: { maxStalenessMs: 0, panic: { probeIntervalMs: 1_000 } },
    });
    const policies = container.get(ProviderPolicyFactory);
    for (const id of ['delta', 'gamma', 'beta', 'alpha']) {
      providers[id]!.behaviour = { fail: 'unavailable' };
      for (let index = 0; index < 20 && policies.policyFor(providers[id]!).circuit() !== 'open'; index += 1) await router.consensus('BTC').catch(() => undefined);
      expect(policies.policyFor(providers[id]!).circuit(), id).to.equal('open');
      clock.advance(300);
    }
    providers.delta!.behaviour = { price: 50_000 };
    providers.gamma!.behaviour = { price: 50_100 };
    providers.alpha!.behaviour = { price: 50_000 };
    const alphaCalls = providers.alpha!.calls;
    clock.advance(1_000);
    const answer = await router.consensus('BTC');
    expect(answer.sources.map((source) => source.providerId).sort(), 'the three ejected longest were probed; beta is still down').to.deep.equal(['delta', 'gamma']);
    expect(answer.price).to.equal(50_050);
    expect(answer.outliers).to.deep.equal([]);
    expect(providers.alpha!.calls, 'alpha, ejected last, is not probed yet').to.equal(alphaCalls);
    expect(['alpha', 'beta', 'gamma', 'delta'].map((id) => `${id}: ${policies.policyFor(providers[id]!).circuit()}`)).to.deep.equal(['alpha: open', 'beta: open', 'gamma: closed', 'delta: closed']);
  });

  it('answers a consensus 503 with Retry-After until a probe may go', async () => {
    const clock = new ManualClock();
    const { router, providers } = createRouterHarness(breakable(60_000), { clock, router: { maxStalenessMs: 0, panic: { probeIntervalMs: 1_000 } } });
    for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
    await errorOf(router.consensus('BTC'));
    await errorOf(router.consensus('BTC'));
    for (const provider of Object.values(providers)) provider.behaviour = { price: 50_000 };
    const refused = await errorOf(router.consensus('BTC'));
    expect(refused).to.be.instanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).retryAfterSeconds).to.equal(1);
    clock.advance(1_000);
    expect((await router.consensus('BTC')).sources.map((source) => source.providerId).sort()).to.deep.equal(['alpha', 'beta']);
  });

  it('does not serve a consensus probe of one provider that jumps far from the last good price', async () => {
    const clock = new ManualClock();
    const { router, providers } = createRouterHarness(breakable(60_000), { clock, router: { maxStalenessMs: 0, panic: { probeIntervalMs: 1_000 }, consensus: { minSources: 1 } } });
    expect((await router.consensus('BTC')).price).to.equal(50_000);
    for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
    await errorOf(router.consensus('BTC'));
    await errorOf(router.consensus('BTC'));
    providers.alpha!.behaviour = { price: 50_000_000 };
    providers.beta!.behaviour = { price: 50_000_000 };
    clock.advance(1_000);
    const refused = await errorOf(router.consensus('BTC'));
    expect(refused, 'one probe (minSources 1), ×1000 the last good price, nobody to confirm it').to.be.instanceOf(ServiceUnavailableError);
    expect((refused as Error).message).to.match(/far from the last good price/);
    providers.alpha!.behaviour = { price: 50_500 };
    clock.advance(1_000);
    expect((await router.consensus('BTC')).price, 'a quote near the last good price is served').to.equal(50_500);
  });

  it('refuses as before when router.panic.enabled is false', async () => {
    const clock = new ManualClock();
    const { router, providers } = createRouterHarness(breakable(60_000), { clock, router: { panic: { enabled: false } } });
    for (const provider of Object.values(providers)) provider.behaviour = { fail: 'unavailable' };
    await errorOf(router.route('price', BTC));
    await errorOf(router.route('price', BTC));
    for (const provider of Object.values(providers)) provider.behaviour = { price: 50_000 };
    clock.advance(5_000);
    const refused = await errorOf(router.route('price', BTC));
    expect(refused).to.be.instanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).retryAfterSeconds).to.be.at.least(55);
  });

  it('gives a provider whose breaker wait ended the next first attempt, and its full share once it answers', async () => {
    const { router, providers, container, stats } = createRouterHarness(breakable(50, { alpha: 10, beta: 90 }));
    const policy = container.get(ProviderPolicyFactory).policyFor(providers.alpha!);
    providers.alpha!.behaviour = { fail: 'unavailable' };
    for (let index = 0; index < 400 && policy.circuit() !== 'open'; index += 1) await router.route('price', BTC);
    expect(policy.circuit()).to.equal('open');
    providers.alpha!.behaviour = { price: 50_000 };
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await router.route('price', BTC)).providerId, 'the probe goes out with the next request').to.equal('alpha');
    expect(policy.circuit()).to.equal('closed');
    const before = (await stats.counters()).providers.alpha!.served;
    for (let index = 0; index < 100; index += 1) await router.route('price', BTC);
    expect((await stats.counters()).providers.alpha!.served - before, 'its declared 10 % share at once').to.be.within(8, 12);
  });
});
