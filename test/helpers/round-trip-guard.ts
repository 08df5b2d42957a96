import { ContainerModule } from 'inversify';
import type { Clock } from '../../core/clock/clock.js';
import type { MarketProvider } from '../../core/providers/market-provider.js';
import { InMemoryRateLimitGuard } from '../../core/resilience/in-memory-rate-limit-guard.js';
import { RateLimitGuard } from '../../core/resilience/rate-limit-guard.js';

/** The in-memory guard, except that every slot is settled after a round trip, as a guard shared by replicas does. */
export class RoundTripGuard extends InMemoryRateLimitGuard {
  override async tryAcquire(provider: MarketProvider): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.tryAcquire(provider);
  }
}

/** A module that rebinds the RateLimitGuard to a RoundTripGuard on `clock`, as a plugin would. */
export function roundTripGuardModule(clock: Clock): ContainerModule {
  return new ContainerModule(({ rebind }) => {
    rebind<RateLimitGuard>(RateLimitGuard).toConstantValue(new RoundTripGuard(clock));
  });
}
