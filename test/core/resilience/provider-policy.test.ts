import { expect } from 'chai';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
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
});
