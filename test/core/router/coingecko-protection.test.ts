import { expect } from 'chai';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
import type { ProviderDefaults } from '../../../core/providers/resolve-declaration.js';
import { RateLimitGuard } from '../../../core/resilience/rate-limit-guard.js';
import { COINGECKO_DEFAULTS } from '../../../plugins/providers/coingecko/index.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { createRouterHarness, type RouterHarness } from '../../helpers/router-harness.js';

const MINUTE = 60_000;

/** The router alone with a provider declared exactly like the CoinGecko plugin, on a hand-moved clock. */
function coingecko(overrides: Partial<ProviderDefaults> = {}): RouterHarness & { clock: ManualClock; guard: RateLimitGuard } {
  const clock = new ManualClock();
  const { rateLimit, cacheTtlMs, resilience, on429 } = COINGECKO_DEFAULTS;
  const harness = createRouterHarness(
    [{ id: 'coingecko', weight: COINGECKO_DEFAULTS.weight, priority: COINGECKO_DEFAULTS.priority, declaration: { rateLimit, cacheTtlMs, resilience, on429, ...overrides } as Partial<ProviderDefaults> }],
    { clock },
  );
  return { ...harness, clock, guard: harness.container.get(RateLimitGuard) };
}

async function refused(harness: RouterHarness, symbol: string): Promise<void> {
  const before = harness.providers.coingecko!.calls;
  const error = await harness.router.route('price', { symbol }).then(
    () => expect.fail(`${symbol} was answered while CoinGecko must not be called`),
    (caught: unknown) => caught,
  );
  expect(error).to.be.instanceOf(ServiceUnavailableError);
  expect(harness.providers.coingecko!.calls, 'no call may reach CoinGecko').to.equal(before);
}

describe('CoinGecko protection (declared by the plugin, enforced by the router)', () => {
  it('sends at most one call per 10 s', async () => {
    const harness = coingecko();
    await harness.router.route('price', { symbol: 'BTC' });
    await refused(harness, 'ETH');
    harness.clock.advance(9_999);
    await refused(harness, 'ETH');
    harness.clock.advance(1);
    expect((await harness.router.route('price', { symbol: 'ETH' })).cached).to.equal(false);
    expect(harness.providers.coingecko!.calls).to.equal(2);
  });

  it('serves its answers from cache for 5 minutes', async () => {
    const harness = coingecko();
    await harness.router.route('price', { symbol: 'BTC' });
    // Before 90 % of the TTL, so no refresh ahead is started (refresh-ahead.test.ts covers it).
    harness.clock.advance(4 * MINUTE);
    expect((await harness.router.route('price', { symbol: 'BTC' })).cached).to.equal(true);
    harness.clock.advance(MINUTE);
    expect((await harness.router.route('price', { symbol: 'BTC' })).cached).to.equal(false);
    expect(harness.providers.coingecko!.calls).to.equal(2);
  });

  it('backs off 2 then 4 minutes after 429s, blacklists after 3 in a row for an hour, then recovers', async () => {
    const harness = coingecko();
    const provider = harness.providers.coingecko!;
    provider.behaviour = { fail: 'rate_limited' };
    await refusedAfterCall(harness, 'BTC');
    harness.clock.advance(2 * MINUTE - 1);
    await refused(harness, 'BTC');
    harness.clock.advance(1);
    await refusedAfterCall(harness, 'BTC');
    harness.clock.advance(4 * MINUTE - 1);
    await refused(harness, 'BTC');
    harness.clock.advance(1);
    await refusedAfterCall(harness, 'BTC');
    expect(harness.guard.status(provider)).to.include({ blacklisted: true });
    harness.clock.advance(60 * MINUTE - 1);
    await refused(harness, 'BTC');
    harness.clock.advance(1);
    provider.behaviour = { price: 50_000 };
    expect((await harness.router.route('price', { symbol: 'BTC' })).providerId).to.equal('coingecko');
    expect(harness.guard.status(provider)).to.include({ blacklisted: false, consecutive429: 0 });
  });

  it('steps on to 10 minutes when the blacklist threshold is configured higher', async () => {
    const harness = coingecko({ on429: { ...COINGECKO_DEFAULTS.on429, blacklistAfter: 4 } } as Partial<ProviderDefaults>);
    harness.providers.coingecko!.behaviour = { fail: 'rate_limited' };
    for (const waitMs of [2 * MINUTE, 4 * MINUTE]) {
      await refusedAfterCall(harness, 'BTC');
      harness.clock.advance(waitMs);
    }
    await refusedAfterCall(harness, 'BTC');
    harness.clock.advance(10 * MINUTE - 1);
    await refused(harness, 'BTC');
    harness.clock.advance(1);
    await refusedAfterCall(harness, 'BTC');
  });

  it('honours Retry-After instead of the schedule', async () => {
    const harness = coingecko();
    harness.providers.coingecko!.behaviour = { fail: 'rate_limited', retryAfterMs: 30_000 };
    await refusedAfterCall(harness, 'BTC');
    harness.clock.advance(29_999);
    await refused(harness, 'BTC');
    harness.clock.advance(1);
    harness.providers.coingecko!.behaviour = { price: 50_000 };
    expect((await harness.router.route('price', { symbol: 'BTC' })).providerId).to.equal('coingecko');
  });
});

/** One request that reaches CoinGecko, gets its 429 and ends in a 503 with Retry-After. */
async function refusedAfterCall(harness: RouterHarness, symbol: string): Promise<void> {
  const before = harness.providers.coingecko!.calls;
  const error = await harness.router.route('price', { symbol }).catch((caught: unknown) => caught);
  expect(error).to.be.instanceOf(ServiceUnavailableError);
  expect((error as ServiceUnavailableError).retryAfterSeconds).to.be.at.least(1);
  expect(harness.providers.coingecko!.calls).to.equal(before + 1);
}
