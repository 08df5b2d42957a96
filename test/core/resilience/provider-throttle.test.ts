import { expect } from 'chai';
import { ProviderError } from '../../../core/errors/index.js';
import { PROVIDER_BASELINE } from '../../../core/providers/provider-baseline.js';
import type { ProviderDeclaration } from '../../../core/providers/provider-declaration.js';
import { ProviderThrottle } from '../../../core/resilience/provider-throttle.js';

function declaration(overrides: Partial<ProviderDeclaration> = {}): ProviderDeclaration {
  return { ...PROVIDER_BASELINE, name: 'Test', baseUrl: 'http://127.0.0.1:9', capabilities: ['price'], symbols: {}, weight: 1, priority: 1, ...overrides };
}

const T0 = 1_000_000;

describe('ProviderThrottle (the rate-limit guard of one provider)', () => {
  it('keeps the declared budget per window and the minimum interval', () => {
    const throttle = new ProviderThrottle(declaration({ rateLimit: { requests: 3, windowMs: 60_000, minIntervalMs: 1_000 } }));
    expect(throttle.tryAcquire(T0)).to.equal(true);
    expect(throttle.tryAcquire(T0 + 999), 'too soon after the last call').to.equal(false);
    expect(throttle.tryAcquire(T0 + 1_000)).to.equal(true);
    expect(throttle.tryAcquire(T0 + 2_000)).to.equal(true);
    expect(throttle.tryAcquire(T0 + 3_000), 'budget of 3 per minute spent').to.equal(false);
    expect(throttle.nextCallAt(T0 + 3_000)).to.equal(T0 + 60_000);
    expect(throttle.tryAcquire(T0 + 60_000)).to.equal(true);
  });

  it('charges a weighted call (a batch endpoint) that many slots of the window, and waits for the slots it needs', () => {
    const throttle = new ProviderThrottle(declaration({ rateLimit: { requests: 5, windowMs: 60_000, minIntervalMs: 0 } }));
    expect(throttle.tryAcquire(T0)).to.equal(true);
    expect(throttle.tryAcquire(T0 + 1_000, 3), 'a call of 3 slots fits in the 4 left').to.equal(true);
    expect(throttle.allows(T0 + 2_000, 2), 'one slot left, two needed').to.equal(false);
    expect(throttle.allows(T0 + 2_000)).to.equal(true);
    // Four of five slots are taken: two more need the oldest call (T0) out of the window.
    expect(throttle.nextCallAt(T0 + 2_000, 2)).to.equal(T0 + 60_000);
    expect(throttle.tryAcquire(T0 + 2_000)).to.equal(true);
    expect(throttle.nextCallAt(T0 + 2_000, 1)).to.equal(T0 + 60_000);
    expect(throttle.tryAcquire(T0 + 60_000)).to.equal(true);
    // Full again: two slots need the two oldest out, both slots of the batch at T0 + 1 s.
    expect(throttle.nextCallAt(T0 + 60_000, 2)).to.equal(T0 + 61_000);
  });

  it('lets a call heavier than the whole window through once the window is empty', () => {
    const throttle = new ProviderThrottle(declaration({ rateLimit: { requests: 2, windowMs: 10_000, minIntervalMs: 0 } }));
    expect(throttle.tryAcquire(T0, 40)).to.equal(true);
    expect(throttle.allows(T0 + 9_999)).to.equal(false);
    expect(throttle.tryAcquire(T0 + 10_000, 40)).to.equal(true);
  });

  it('stops calling when the rate-limit headers say the budget is spent, until the window resets', () => {
    const throttle = new ProviderThrottle(declaration());
    throttle.onRateLimitInfo({ remaining: 5, limit: 6000 }, T0);
    expect(throttle.allows(T0)).to.equal(true);
    throttle.onRateLimitInfo({ remaining: 0, limit: 6000, resetMs: 30_000 }, T0);
    expect(throttle.allows(T0 + 29_999)).to.equal(false);
    expect(throttle.status(T0)).to.include({ rateLimited: true, cooldownUntil: T0 + 30_000 });
    expect(throttle.allows(T0 + 30_000)).to.equal(true);
  });

  it('cools a ban down for at least its Retry-After, and honours Retry-After on a 503', () => {
    const throttle = new ProviderThrottle(declaration({ on429: { backoffMs: [1_000], blacklistAfter: 5, blacklistMs: 60_000 } }));
    expect(throttle.onFailure(new ProviderError('t', 'rate_limited', 'banned', { banned: true, retryAfterMs: 120_000 }), T0)).to.equal('backoff');
    expect(throttle.allows(T0 + 119_999)).to.equal(false);
    expect(throttle.allows(T0 + 120_000)).to.equal(true);
    expect(throttle.onFailure(new ProviderError('t', 'unavailable', 'maintenance', { upstreamStatus: 503, retryAfterMs: 5_000 }), T0 + 200_000)).to.equal('backoff');
    expect(throttle.allows(T0 + 204_999)).to.equal(false);
    expect(throttle.onFailure(new ProviderError('t', 'unavailable', 'boom'), T0 + 300_000)).to.equal(undefined);
  });

  it('forgets the 429 streak after a success', () => {
    const throttle = new ProviderThrottle(declaration({ on429: { backoffMs: [1_000, 2_000], blacklistAfter: 2, blacklistMs: 60_000 } }));
    throttle.onFailure(new ProviderError('t', 'rate_limited', '429'), T0);
    throttle.onSuccess();
    expect(throttle.onFailure(new ProviderError('t', 'rate_limited', '429'), T0 + 5_000)).to.equal('backoff');
    expect(throttle.onFailure(new ProviderError('t', 'rate_limited', '429'), T0 + 10_000)).to.equal('blacklist');
    expect(throttle.status(T0 + 10_000)).to.include({ blacklisted: true, cooldownUntil: T0 + 70_000 });
  });
});
