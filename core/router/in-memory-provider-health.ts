import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { ProviderHealth, RecentOutcomes } from './provider-health.js';
import { RouterConfig } from './router-config.js';

interface Outcome {
  ok: boolean;
  latencyMs: number;
  at: number;
}

/**
 * The default ProviderHealth, for one process: the last `health.windowSize` outcomes per provider;
 * the factor is the success rate times a latency penalty (slowLatencyMs / average latency, when
 * slower). Outcomes age out after `windowMs`, and all go when the provider's circuit closes again
 * after a probe, so a recovered provider earns its weight back.
 */
@injectable()
export class InMemoryProviderHealth implements ProviderHealth {
  private readonly outcomes = new Map<string, Outcome[]>();

  constructor(
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  record(providerId: string, ok: boolean, latencyMs: number): void {
    const list = this.outcomes.get(providerId) ?? [];
    list.push({ ok, latencyMs, at: this.clock.now() });
    if (list.length > this.config.health.windowSize) list.shift();
    this.outcomes.set(providerId, list);
  }

  recovered(providerId: string): void {
    const since = this.clock.now();
    this.outcomes.set(providerId, (this.outcomes.get(providerId) ?? []).filter((outcome) => outcome.at >= since));
  }

  factor(providerId: string): number {
    const { slowLatencyMs, minFactor } = this.config.health;
    const recent = this.inWindow(providerId);
    if (recent.length === 0) return 1;
    const successRate = recent.filter((outcome) => outcome.ok).length / recent.length;
    const avgLatency = recent.reduce((total, outcome) => total + outcome.latencyMs, 0) / recent.length;
    const latencyFactor = avgLatency > slowLatencyMs ? slowLatencyMs / avgLatency : 1;
    return Math.max(minFactor, successRate * latencyFactor);
  }

  recent(providerId: string): RecentOutcomes {
    const recent = this.inWindow(providerId);
    const successes = recent.filter((outcome) => outcome.ok).length;
    return { successes, failures: recent.length - successes };
  }

  private inWindow(providerId: string): Outcome[] {
    const since = this.clock.now() - this.config.health.windowMs;
    return (this.outcomes.get(providerId) ?? []).filter((outcome) => outcome.at >= since);
  }
}
