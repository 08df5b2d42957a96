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
 * rather than whenever the rotation happens to pick it (cockatiel's half-open is lazy).
 */
@injectable()
export class PanicRouting {
  constructor(
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** `order` with one provider whose probe is due moved to the front, if any. */
  recoveringFirst(order: readonly MarketProvider[]): MarketProvider[] {
    const due = order.find((provider) => this.policies.policyFor(provider).probeDue());
    return due === undefined ? [...order] : [due, ...order.filter((provider) => provider !== due)];
  }

  /**
   * Every candidate is ejected: the provider to probe now (its circuit lets the next call through
   * as the half-open probe), or undefined when panic routing is off or none may be probed yet.
   */
  probeWhenAllEjected(candidates: readonly MarketProvider[]): MarketProvider | undefined {
    if (!this.config.panic.enabled) return undefined;
    const now = this.clock.now();
    let chosen: MarketProvider | undefined;
    let chosenSince = Number.POSITIVE_INFINITY;
    for (const provider of candidates) {
      const since = this.policies.policyFor(provider).openSince();
      if (since === undefined || now - since < this.config.panic.probeIntervalMs || since >= chosenSince || !this.guard.allows(provider)) continue;
      chosen = provider;
      chosenSince = since;
    }
    if (chosen !== undefined) this.policies.policyFor(chosen).probeNow();
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
