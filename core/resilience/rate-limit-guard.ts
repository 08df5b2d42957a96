import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { ProviderError } from '../errors/provider-error.js';
import type { MarketProvider, RateLimitInfo } from '../providers/market-provider.js';
import { ProviderThrottle, type ThrottleAction, type ThrottleStatus } from './provider-throttle.js';

/**
 * The rate-limit guard: one ProviderThrottle per provider, built from its declaration and judged
 * with the Clock. The router sends no call the guard refuses.
 */
@injectable()
export class RateLimitGuard {
  private readonly throttles = new Map<string, ProviderThrottle>();

  constructor(@inject(Clock) private readonly clock: Clock) {}

  /** True when a call could be sent now (nothing is recorded). */
  allows(provider: MarketProvider): boolean {
    return this.throttle(provider).allows(this.clock.now());
  }

  /** Records a call when allowed; false when the guard refuses it. */
  tryAcquire(provider: MarketProvider): boolean {
    return this.throttle(provider).tryAcquire(this.clock.now());
  }

  /** Earliest time (ms since epoch) a call may be sent. */
  nextCallAt(provider: MarketProvider): number {
    return this.throttle(provider).nextCallAt(this.clock.now());
  }

  onRateLimitInfo(provider: MarketProvider, info: RateLimitInfo): void {
    this.throttle(provider).onRateLimitInfo(info, this.clock.now());
  }

  onSuccess(provider: MarketProvider): void {
    this.throttle(provider).onSuccess();
  }

  /** Applies backoff or blacklist for a failure; returns what it did, if anything. */
  onFailure(provider: MarketProvider, error: ProviderError): ThrottleAction | undefined {
    return this.throttle(provider).onFailure(error, this.clock.now());
  }

  status(provider: MarketProvider): ThrottleStatus {
    return this.throttle(provider).status(this.clock.now());
  }

  private throttle(provider: MarketProvider): ProviderThrottle {
    let throttle = this.throttles.get(provider.id);
    if (throttle === undefined) {
      throttle = new ProviderThrottle(provider.declaration);
      this.throttles.set(provider.id, throttle);
    }
    return throttle;
  }
}
