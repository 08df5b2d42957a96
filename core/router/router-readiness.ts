import { inject, injectable } from 'inversify';
import type { ReadinessCheck, ReadinessResult } from '../http/readiness-check.js';
import { CAPABILITIES, type Capability } from '../providers/capability.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';

/**
 * `/readyz`: every capability some enabled provider serves has at least one that can take a call
 * now (circuit not open, guard allows). A capability nobody enabled (no API key) is reported, not failed.
 */
@injectable()
export class RouterReadiness implements ReadinessCheck {
  readonly name = 'providers';

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
  ) {}

  check(): ReadinessResult {
    const blocked: string[] = [];
    const unserved: string[] = [];
    for (const capability of CAPABILITIES) {
      const enabled = this.registry.enabledFor(capability);
      if (enabled.length === 0) unserved.push(`${capability}${this.disabledReasons(capability)}`);
      else if (!enabled.some((provider) => this.policies.policyFor(provider).openUntil() === undefined && this.guard.allows(provider))) blocked.push(capability);
    }
    const notes = [
      ...(blocked.length > 0 ? [`no provider available now for ${blocked.join(', ')}`] : []),
      ...(unserved.length > 0 ? [`no enabled provider for ${unserved.join(', ')}`] : []),
    ];
    return { ready: blocked.length === 0, ...(notes.length > 0 ? { detail: notes.join('; ') } : {}) };
  }

  /** ` (etherscan: ETHERSCAN_API_KEY is not set)` for the disabled providers of a capability. */
  private disabledReasons(capability: Capability): string {
    const reasons = this.registry
      .all()
      .filter((provider) => provider.disabledReason !== null && provider.declaration.capabilities.includes(capability))
      .map((provider) => `${provider.id}: ${provider.disabledReason}`);
    return reasons.length === 0 ? '' : ` (${reasons.join(', ')})`;
  }
}
