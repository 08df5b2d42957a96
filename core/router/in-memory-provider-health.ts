import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { ProviderHealth } from './provider-health.js';
import { RouterConfig } from './router-config.js';

interface Outcome {
  ok: boolean;
  latencyMs: number;
  at: number;
}

/**
 * The default ProviderHealth, for one process: the last `health.windowSize` outcomes per provider;
 * the factor is the success rate times a latency penalty (slowLatencyMs / average latency, when
 * slower). Outcomes age out after `windowMs`, so a recovered provider earns its weight back.
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

  factor(providerId: string): number {
    const { windowMs, slowLatencyMs, minFactor } = this.config.health;
    const since = this.clock.now() - windowMs;
    const recent = (this.outcomes.get(providerId) ?? []).filter((outcome) => outcome.at >= since);
    if (recent.length === 0) return 1;
    const successRate = recent.filter((outcome) => outcome.ok).length / recent.length;
    const avgLatency = recent.reduce((total, outcome) => total + outcome.latencyMs, 0) / recent.length;
    const latencyFactor = avgLatency > slowLatencyMs ? slowLatencyMs / avgLatency : 1;
    return Math.max(minFactor, successRate * latencyFactor);
  }
}
