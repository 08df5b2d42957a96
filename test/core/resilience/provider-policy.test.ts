import { expect } from 'chai';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
import { ProviderPolicyFactory } from '../../../core/resilience/provider-policy-factory.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { roundTripGuardModule } from '../../helpers/round-trip-guard.js';
import { createRouterHarness } from '../../helpers/router-harness.js';

describe('ProviderPolicy', () => {
  for (const shared of [false, true]) {
    for (const { minIntervalMs, calls, outcome } of [
      { minIntervalMs: 0, calls: 3, outcome: 'retries while the guard grants a slot for each retry' },
      { minIntervalMs: 60_000, calls: 1, outcome: 'sends no retry the guard refuses a slot for' },
    ]) {
      it(`${outcome}${shared ? ', waiting for a guard that settles slots after a round trip' : ''}`, async () => {
        const clock = new ManualClock();
        const modules = shared ? [roundTripGuardModule(clock)] : [];
        const { router, providers } = createRouterHarness(
          [
            {
              id: 'alpha',
              weight: 1,
              priority: 1,
              declaration: {
                cacheTtlMs: { price: 0 },
                rateLimit: { requests: 100, windowMs: 60_000, minIntervalMs },
                resilience: { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } },
              },
            },
          ],
          { clock, modules },
        );
        providers.alpha!.behaviour = { fail: 'unavailable' };
        const error = await router.route('price', { symbol: 'BTC' }).catch((caught: unknown) => caught);
        expect(error).to.be.instanceOf(ServiceUnavailableError);
        expect(providers.alpha!.calls).to.equal(calls);
      });
    }
  }

  it('counts every change of any circuit\'s state in the factory\'s circuitChanges: open, half-open, closed', async () => {
    const clock = new ManualClock();
    const { router, providers, container } = createRouterHarness(
      [{ id: 'alpha', weight: 1, priority: 1, declaration: { cacheTtlMs: { price: 0 }, resilience: { retry: { maxAttempts: 0 }, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 20 } } } }],
      { clock },
    );
    const factory = container.get(ProviderPolicyFactory);
    const before = factory.circuitChanges;
    providers.alpha!.behaviour = { fail: 'unavailable' };
    await router.route('price', { symbol: 'BTC' }).catch(() => undefined);
    expect(factory.policyFor(providers.alpha!).circuit()).to.equal('open');
    expect(factory.circuitChanges, 'opened').to.equal(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    clock.advance(30);
    providers.alpha!.behaviour = { price: 50_000 };
    await router.route('price', { symbol: 'BTC' });
    expect(factory.policyFor(providers.alpha!).circuit()).to.equal('closed');
    expect(factory.circuitChanges, 'half-open for the probe, then closed').to.equal(before + 3);
  });
});
