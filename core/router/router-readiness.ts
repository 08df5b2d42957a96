import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { ReadinessCheck, ReadinessResult } from '../http/readiness-check.js';
import { CAPABILITIES } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import { RouterStats, type ProviderCounters } from '../stats/router-stats.js';
import { ProviderCaller } from './provider-caller.js';
import { ProviderHealth } from './provider-health.js';

/**
 * `/readyz`: ready when every capability some enabled provider serves has one that is usable: it
 * can be called now (circuit not open, rate-limit guard allows) and has not failed every call
 * still in its health window (a provider nobody asked yet counts as usable). The detail names each
 * capability left without one and why, per provider. A capability nobody enabled (no API key) is
 * reported, not failed.
 */
@injectable()
export class RouterReadiness implements ReadinessCheck {
  readonly name = 'providers';

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(ProviderCaller) private readonly caller: ProviderCaller,
    @inject(ProviderHealth) private readonly health: ProviderHealth,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async check(): Promise<ReadinessResult> {
    const blocked: Array<{ capability: string; providers: MarketProvider[] }> = [];
    const unserved: string[] = [];
    for (const capability of CAPABILITIES) {
      const enabled = this.registry.enabledFor(capability);
      if (enabled.length === 0) {
        const disabled = this.registry.disabledReasonsFor(capability);
        unserved.push(disabled.length === 0 ? capability : `${capability} (${disabled.join(', ')})`);
      } else if (!enabled.some((provider) => this.caller.isCallable(provider) && !this.failedEveryRecentCall(provider))) {
        blocked.push({ capability, providers: enabled });
      }
    }
    const counters = blocked.length === 0 ? undefined : (await this.stats.counters()).providers;
    const notes = [
      ...blocked.map(({ capability, providers }) => `no usable provider for ${capability} (${providers.map((provider) => `${provider.id}: ${this.whyNot(provider, counters?.[provider.id])}`).join('; ')})`),
      ...(unserved.length > 0 ? [`no enabled provider for ${unserved.join(', ')}`] : []),
    ];
    return { ready: blocked.length === 0, ...(notes.length > 0 ? { detail: notes.join('; ') } : {}) };
  }

  private failedEveryRecentCall(provider: MarketProvider): boolean {
    const recent = this.health.recent(provider.id);
    return recent.failures > 0 && recent.successes === 0;
  }

  /** Every reason that applies: a provider held back by its guard may also have failed its last calls. */
  private whyNot(provider: MarketProvider, tally: ProviderCounters | undefined): string {
    const until = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : ` until ${new Date(ms).toISOString()}`);
    const reasons: string[] = [];
    const openUntil = this.policies.policyFor(provider).openUntil();
    const throttle = this.guard.status(provider);
    if (openUntil !== undefined) reasons.push(`circuit open${until(openUntil)}`);
    else if (throttle.blacklisted) reasons.push(`blacklisted${until(throttle.cooldownUntil)}`);
    else if (throttle.rateLimited) reasons.push(`rate limited${until(throttle.cooldownUntil)}`);
    else if (!this.guard.allows(provider)) reasons.push(`rate budget spent${until(Math.max(this.clock.now(), this.guard.nextCallAt(provider)))}`);
    if (this.failedEveryRecentCall(provider)) {
      const { failures } = this.health.recent(provider.id);
      const last = tally?.lastError;
      // ProviderError messages start with the provider id, already named here.
      const message = last?.message.startsWith(`${provider.id}: `) === true ? last.message.slice(provider.id.length + 2) : last?.message;
      reasons.push(`failed its last ${failures} call${failures === 1 ? '' : 's'}${last === null || last === undefined ? '' : ` (${last.kind}: ${message})`}`);
    }
    return reasons.join(', ');
  }
}
