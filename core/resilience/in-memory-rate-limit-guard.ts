import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { ProviderError } from '../errors/provider-error.js';
import type { MarketProvider, RateLimitInfo } from '../providers/market-provider.js';
import { ProviderThrottle } from './provider-throttle.js';
import type { RateLimitGuard, ThrottleAction, ThrottleStatus } from './rate-limit-guard.js';

/**
 * The default RateLimitGuard, for one process: one ProviderThrottle per provider, built from its
 * declaration and judged with the Clock.
 */
@injectable()
export class InMemoryRateLimitGuard implements RateLimitGuard {
  private readonly throttles = new Map<string, ProviderThrottle>();

  constructor(@inject(Clock) private readonly clock: Clock) {}

  allows(provider: MarketProvider, weight = 1): boolean {
    return this.throttle(provider).allows(this.clock.now(), weight);
  }

  nextCallAt(provider: MarketProvider, weight = 1): number {
    return this.throttle(provider).nextCallAt(this.clock.now(), weight);
  }

  status(provider: MarketProvider): ThrottleStatus {
    return this.throttle(provider).status(this.clock.now());
  }

  tryAcquire(provider: MarketProvider, weight = 1): Promise<boolean> {
    return Promise.resolve(this.throttle(provider).tryAcquire(this.clock.now(), weight));
  }

  onRateLimitInfo(provider: MarketProvider, info: RateLimitInfo): void {
    this.throttle(provider).onRateLimitInfo(info, this.clock.now());
  }

  onSuccess(provider: MarketProvider): void {
    this.throttle(provider).onSuccess();
  }

  onFailure(provider: MarketProvider, error: ProviderError): Promise<ThrottleAction | undefined> {
    return Promise.resolve(this.throttle(provider).onFailure(error, this.clock.now()));
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
