import { expect } from 'chai';
import { ReadinessCheck } from '../../../core/http/readiness-check.js';
import type { MarketRouter } from '../../../core/router/market-router.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { createRouterHarness, type ScriptedProvider } from '../../helpers/router-harness.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('RouterReadiness and disabled providers', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp({ config: { plugins: ['etherscan', 'alternative-me', 'market-api'] }, env: {} });
  });
  after(() => testApp.stop());

  it('says in /readyz which capability has no enabled provider and why, without refusing traffic', async () => {
    const response = await fetch(`${testApp.baseUrl}/readyz`);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { checks: Array<{ name: string; detail?: string }> };
    expect(body.checks[0]!.detail).to.include('gas (etherscan: ETHERSCAN_API_KEY is not set)');
  });

  it('answers 503 naming the missing key when the only provider of a capability is disabled', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/market/gas`);
    expect(response.status).to.equal(503);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).to.equal('No enabled provider serves gas (etherscan: ETHERSCAN_API_KEY is not set)');
  });
});

describe('RouterReadiness when providers fail', () => {
  const noRetry = { resilience: { retry: { maxAttempts: 0 } }, rateLimit: { requests: 1_000, windowMs: 60_000, minIntervalMs: 0 } };

  function harness(): { readiness: ReadinessCheck; router: MarketRouter; providers: Record<string, ScriptedProvider>; clock: ManualClock } {
    const clock = new ManualClock();
    const { router, providers, container } = createRouterHarness(
      [
        { id: 'alpha', weight: 1, priority: 1, declaration: { capabilities: ['price'], ...noRetry } },
        { id: 'beta', weight: 1, priority: 2, declaration: { capabilities: ['price'], ...noRetry } },
      ],
      { clock },
    );
    return { readiness: container.get<ReadinessCheck>(ReadinessCheck), router, providers, clock };
  }

  it('is ready before any call, and not ready once every provider of a capability failed its recent calls, naming each and why', async () => {
    const { readiness, router, providers } = harness();
    expect((await readiness.check()).ready).to.equal(true);
    providers.alpha!.behaviour = { fail: 'unavailable' };
    providers.beta!.behaviour = { fail: 'timeout' };
    await router.route('price', { symbol: 'BTC' }).catch(() => undefined);
    const result = await readiness.check();
    expect(result.ready).to.equal(false);
    expect(result.detail).to.include('no usable provider for price (alpha: failed its last 1 call (unavailable: scripted unavailable); beta: failed its last 1 call (timeout: scripted timeout))');
  });

  it('stays ready while one provider still answers', async () => {
    const { readiness, router, providers } = harness();
    providers.alpha!.behaviour = { fail: 'unavailable' };
    await router.route('price', { symbol: 'BTC' });
    expect(await readiness.check()).to.deep.equal({ ready: true, detail: 'no enabled provider for ticker, ohlcv, fear-greed, gas' });
  });

  it('names an open circuit and a rate-limit cooldown with when they end', async () => {
    const { readiness, router, providers, clock } = harness();
    providers.alpha!.behaviour = { fail: 'unavailable' };
    providers.beta!.behaviour = { fail: 'rate_limited', retryAfterMs: 60_000 };
    for (let attempt = 0; attempt < 6; attempt += 1) await router.route('price', { symbol: 'BTC' }).catch(() => undefined);
    const { detail } = await readiness.check();
    expect(detail).to.match(/alpha: circuit open until \d{4}-\d\d-\d\dT/);
    expect(detail).to.include(`beta: rate limited until ${new Date(clock.now() + 60_000).toISOString()}`);
  });

  it('is ready again once a provider answers', async () => {
    const { readiness, router, providers } = harness();
    providers.alpha!.behaviour = { fail: 'unavailable' };
    providers.beta!.behaviour = { fail: 'unavailable' };
    await router.route('price', { symbol: 'BTC' }).catch(() => undefined);
    expect((await readiness.check()).ready).to.equal(false);
    providers.alpha!.behaviour = { price: 50_000 };
    providers.beta!.behaviour = { price: 50_000 };
    await router.route('price', { symbol: 'ETH' });
    expect((await readiness.check()).ready).to.equal(true);
  });
});
