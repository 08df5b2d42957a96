import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import { RouterConfig } from './router-config.js';

/**
 * Getting ejected providers back. When every candidate for a query is ejected by its circuit
 * breaker, the router probes the one most likely to have recovered instead of refusing (Envoy's
 * panic routing): the one whose circuit opened longest ago, at most once per
 * `router.panic.probeIntervalMs` per provider, never past its rate limits. And a provider whose
 * breaker wait has ended gets the first attempt of the next request, so its probe goes out at once
 * rather than whenever the rotation happens to pick it (cockatiel's half-open is lazy). A consensus
 * with every candidate ejected probes the few ejected longest, so it can still compare answers.
 */
@injectable()
export class PanicRouting {
  constructor(
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** True when `recoveringFirst` of any order starting with `first` and holding only `order`'s providers would keep `first` first. */
  keepsFirst(first: MarketProvider, order: readonly MarketProvider[]): boolean {
    return this.probeDue(first) || !order.some((provider) => this.probeDue(provider));
  }

  /** `order` with one provider whose probe is due moved to the front, if any. */
  recoveringFirst(order: readonly MarketProvider[]): MarketProvider[] {
    const due = order.find((provider) => this.probeDue(provider));
    return due === undefined ? [...order] : [due, ...order.filter((provider) => provider !== due)];
  }

  private probeDue(provider: MarketProvider): boolean {
    return this.policies.policyFor(provider).probeDue();
  }

  /**
   * Every candidate is ejected: the provider to probe now (its circuit lets the next call through
   * as the half-open probe), or undefined when panic routing is off or none may be probed yet.
   */
  probeWhenAllEjected(candidates: readonly MarketProvider[]): MarketProvider | undefined {
    return this.probesWhenAllEjected(candidates, 1)[0];
  }

  /**
   * `probeWhenAllEjected` for a query that wants several answers (a consensus): up to `count`
   * providers whose probe may go now, the one ejected longest first, each let through as its
   * circuit's half-open probe. Empty when panic routing is off or none may be probed yet.
   */
  probesWhenAllEjected(candidates: readonly MarketProvider[], count: number): MarketProvider[] {
    if (!this.config.panic.enabled) return [];
    const now = this.clock.now();
    const probeable = candidates.flatMap((provider) => {
      const since = this.policies.policyFor(provider).openSince();
      return since === undefined || now - since < this.config.panic.probeIntervalMs || !this.guard.allows(provider) ? [] : [{ provider, since }];
    });
    const chosen = probeable.sort((a, b) => a.since - b.since).slice(0, count).map(({ provider }) => provider);
    for (const provider of chosen) this.policies.policyFor(provider).probeNow();
    return chosen;
  }

  /** When the next early probe of any ejected candidate may go out (ms since epoch), or undefined. */
  nextProbeAt(candidates: readonly MarketProvider[]): number | undefined {
    if (!this.config.panic.enabled) return undefined;
    let soonest: number | undefined;
    for (const provider of candidates) {
      const since = this.policies.policyFor(provider).openSince();
      if (since === undefined) continue;
      const at = Math.max(since + this.config.panic.probeIntervalMs, this.guard.nextCallAt(provider));
      soonest = soonest === undefined ? at : Math.min(soonest, at);
    }
    return soonest;
  }
}
