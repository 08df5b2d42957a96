import { expect } from 'chai';
import { ProviderError } from '../../../core/errors/index.js';
import type { MarketProvider } from '../../../core/providers/market-provider.js';
import { PROVIDER_BASELINE } from '../../../core/providers/provider-baseline.js';
import type { ProviderDeclaration } from '../../../core/providers/provider-declaration.js';
import { InMemoryRateLimitGuard } from '../../../core/resilience/in-memory-rate-limit-guard.js';
import { ManualClock } from '../../helpers/manual-clock.js';

function provider(id: string, overrides: Partial<ProviderDeclaration> = {}): MarketProvider {
  const declaration: ProviderDeclaration = { ...PROVIDER_BASELINE, name: id, baseUrl: 'http://127.0.0.1:9', capabilities: ['price'], symbols: {}, weight: 1, priority: 1, ...overrides };
  return { id, declaration, disabledReason: null, fetch: () => Promise.reject(new Error('never called')) };
}

describe('InMemoryRateLimitGuard', () => {
  it('keeps each provider to its own budget, judged with the clock', async () => {
    const clock = new ManualClock();
    const guard = new InMemoryRateLimitGuard(clock);
    const limits = { rateLimit: { requests: 10, windowMs: 60_000, minIntervalMs: 1_000 } };
    const alpha = provider('alpha', limits);
    const beta = provider('beta', limits);
    expect(await guard.tryAcquire(alpha)).to.equal(true);
    expect(guard.allows(alpha), 'the slot is taken as soon as it is granted').to.equal(false);
    expect(await guard.tryAcquire(alpha)).to.equal(false);
    expect(guard.nextCallAt(alpha)).to.equal(clock.now() + 1_000);
    expect(await guard.tryAcquire(beta), 'another provider has its own budget').to.equal(true);
    clock.advance(1_000);
    expect(guard.allows(alpha)).to.equal(true);
    expect(await guard.tryAcquire(alpha)).to.equal(true);
  });

  it('resolves with what it did about a 429, and its planning reads follow at once', async () => {
    const clock = new ManualClock();
    const guard = new InMemoryRateLimitGuard(clock);
    const alpha = provider('alpha');
    expect(await guard.onFailure(alpha, new ProviderError('alpha', 'rate_limited', '429', { retryAfterMs: 30_000 }))).to.equal('backoff');
    expect(guard.allows(alpha)).to.equal(false);
    expect(guard.status(alpha)).to.include({ rateLimited: true, cooldownUntil: clock.now() + 30_000, consecutive429: 1 });
    expect(await guard.tryAcquire(alpha)).to.equal(false);
    guard.onSuccess(alpha);
    expect(guard.status(alpha)).to.include({ consecutive429: 0 });
  });
});
