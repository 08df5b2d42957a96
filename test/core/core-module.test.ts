import { expect } from 'chai';
import { ContainerModule, type ResolutionContext } from 'inversify';
import { CacheConfig } from '../../core/cache/cache-config.js';
import { CacheStore } from '../../core/cache/cache-store.js';
import { NodeCacheStore } from '../../core/cache/node-cache-store.js';
import { Clock } from '../../core/clock/clock.js';
import { ServiceUnavailableError } from '../../core/errors/index.js';
import type { MarketProvider } from '../../core/providers/market-provider.js';
import { InMemoryRateLimitGuard } from '../../core/resilience/in-memory-rate-limit-guard.js';
import { RateLimitGuard } from '../../core/resilience/rate-limit-guard.js';
import { CallCoalescer } from '../../core/router/call-coalescer.js';
import { InMemoryCallCoalescer } from '../../core/router/in-memory-call-coalescer.js';
import { InMemoryProviderHealth } from '../../core/router/in-memory-provider-health.js';
import { InMemoryReferencePrices } from '../../core/router/in-memory-reference-prices.js';
import { ProviderHealth } from '../../core/router/provider-health.js';
import { ReferencePrices } from '../../core/router/reference-prices.js';
import { RouterConfig } from '../../core/router/router-config.js';
import { RouterMetrics } from '../../core/metrics/router-metrics.js';
import { MetricsRouterStats } from '../../core/stats/metrics-router-stats.js';
import { RouterStats } from '../../core/stats/router-stats.js';
import { ManualClock } from '../helpers/manual-clock.js';
import { createRouterHarness } from '../helpers/router-harness.js';

/** A shared service, its in-memory default, and a method the router must call on it for one request. */
interface SharedService {
  name: string;
  token: symbol;
  defaultType: abstract new (...args: never[]) => object;
  build: (context: ResolutionContext) => object;
  used: string;
}

const SHARED_SERVICES: SharedService[] = [
  { name: 'CacheStore', token: CacheStore, defaultType: NodeCacheStore, build: (context) => new NodeCacheStore(context.get(CacheConfig)), used: 'set' },
  { name: 'RateLimitGuard', token: RateLimitGuard, defaultType: InMemoryRateLimitGuard, build: (context) => new InMemoryRateLimitGuard(context.get(Clock)), used: 'tryAcquire' },
  { name: 'CallCoalescer', token: CallCoalescer, defaultType: InMemoryCallCoalescer, build: () => new InMemoryCallCoalescer(), used: 'run' },
  {
    name: 'ProviderHealth',
    token: ProviderHealth,
    defaultType: InMemoryProviderHealth,
    build: (context) => new InMemoryProviderHealth(context.get(RouterConfig), context.get(Clock)),
    used: 'record',
  },
  {
    name: 'ReferencePrices',
    token: ReferencePrices,
    defaultType: InMemoryReferencePrices,
    build: (context) => new InMemoryReferencePrices(context.get(RouterConfig), context.get(Clock)),
    used: 'accept',
  },
  { name: 'RouterStats', token: RouterStats, defaultType: MetricsRouterStats, build: (context) => new MetricsRouterStats(context.get(RouterMetrics), context.get(Clock)), used: 'recordRequest' },
];

/** `target` with every method call's name written to `calls`. */
function recording<T extends object>(target: T, calls: string[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        calls.push(String(property));
        return (value as (...rest: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/**
 * A guard shared by replicas whose local mirror still says "go" while the shared budget, spent by
 * another replica, refuses every slot, after a round trip.
 */
class SpentSharedBudgetGuard extends InMemoryRateLimitGuard {
  acquisitions = 0;

  override async tryAcquire(_provider: MarketProvider): Promise<boolean> {
    this.acquisitions += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return false;
  }
}

describe('createCoreModule', () => {
  it('binds every shared service to its in-memory default', () => {
    const { container } = createRouterHarness([{ id: 'only', weight: 1, priority: 1 }]);
    for (const service of SHARED_SERVICES) expect(container.get(service.token), service.name).to.be.instanceOf(service.defaultType);
  });

  for (const service of SHARED_SERVICES) {
    it(`lets a later module rebind ${service.name}: the router works through the replacement`, async () => {
      const calls: string[] = [];
      const replacement = new ContainerModule(({ rebind }) => {
        rebind(service.token)
          .toDynamicValue((context) => recording(service.build(context), calls))
          .inSingletonScope();
      });
      const { router, providers } = createRouterHarness([{ id: 'only', weight: 1, priority: 1 }], { modules: [replacement] });
      expect((await router.route('price', { symbol: 'BTC' })).cached).to.equal(false);
      expect((await router.route('price', { symbol: 'BTC' })).cached).to.equal(true);
      expect(providers.only!.calls).to.equal(1);
      expect(calls).to.include(service.used);
    });
  }

  it('sends no call when a replacement guard refuses the slot its planning reads allowed', async () => {
    const clock = new ManualClock();
    const guard = new SpentSharedBudgetGuard(clock);
    const replacement = new ContainerModule(({ rebind }) => {
      rebind(RateLimitGuard).toConstantValue(guard);
    });
    const { router, providers } = createRouterHarness([{ id: 'only', weight: 1, priority: 1 }], { clock, modules: [replacement] });
    const error = await router.route('price', { symbol: 'BTC' }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ServiceUnavailableError);
    expect(guard.acquisitions).to.equal(1);
    expect(providers.only!.calls).to.equal(0);
  });
});
