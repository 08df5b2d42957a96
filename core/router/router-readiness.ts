import { inject, injectable } from 'inversify';
import type { ReadinessCheck, ReadinessResult } from '../http/readiness-check.js';
import { CAPABILITIES } from '../providers/capability.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProviderCaller } from './provider-caller.js';

/**
 * `/readyz`: every capability some enabled provider serves has at least one that can take a call
 * now (circuit not open, guard allows). A capability nobody enabled (no API key) is reported, not failed.
 */
@injectable()
export class RouterReadiness implements ReadinessCheck {
  readonly name = 'providers';

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(ProviderCaller) private readonly caller: ProviderCaller,
  ) {}

  check(): ReadinessResult {
    const blocked: string[] = [];
    const unserved: string[] = [];
    for (const capability of CAPABILITIES) {
      const enabled = this.registry.enabledFor(capability);
      if (enabled.length === 0) {
        const disabled = this.registry.disabledReasonsFor(capability);
        unserved.push(disabled.length === 0 ? capability : `${capability} (${disabled.join(', ')})`);
      } else if (!enabled.some((provider) => this.caller.isCallable(provider))) blocked.push(capability);
    }
    const notes = [
      ...(blocked.length > 0 ? [`no provider available now for ${blocked.join(', ')}`] : []),
      ...(unserved.length > 0 ? [`no enabled provider for ${unserved.join(', ')}`] : []),
    ];
    return { ready: blocked.length === 0, ...(notes.length > 0 ? { detail: notes.join('; ') } : {}) };
  }
}
