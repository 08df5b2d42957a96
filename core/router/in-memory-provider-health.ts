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
  /**
   * Each provider's factor as last worked out: it holds until any outcome is recorded or dropped
   * (`changes` moves) or the oldest outcome it counted ages out. The router weighs every candidate
   * of every request, cache hits included, with it.
   */
  private readonly factors = new Map<string, { changes: number; validThrough: number; factor: number }>();
  private changeCount = 0;

  constructor(
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  record(providerId: string, ok: boolean, latencyMs: number): void {
    const list = this.outcomes.get(providerId) ?? [];
    this.changeCount += 1;
    list.push({ ok, latencyMs, at: this.clock.now() });
    if (list.length > this.config.health.windowSize) list.shift();
    this.outcomes.set(providerId, list);
  }

  recovered(providerId: string): void {
    const since = this.clock.now();
    this.changeCount += 1;
    this.outcomes.set(providerId, (this.outcomes.get(providerId) ?? []).filter((outcome) => outcome.at >= since));
  }

  factor(providerId: string): number {
    const now = this.clock.now();
    const known = this.factors.get(providerId);
    if (known !== undefined && known.changes === this.changeCount && now <= known.validThrough) return known.factor;
    const { slowLatencyMs, minFactor, windowMs } = this.config.health;
    const since = now - windowMs;
    let count = 0;
    let successes = 0;
    let totalLatency = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (const outcome of this.outcomes.get(providerId) ?? []) {
      if (outcome.at < since) continue;
      count += 1;
      if (outcome.ok) successes += 1;
      totalLatency += outcome.latencyMs;
      oldest = Math.min(oldest, outcome.at);
    }
    const avgLatency = count === 0 ? 0 : totalLatency / count;
    const latencyFactor = avgLatency > slowLatencyMs ? slowLatencyMs / avgLatency : 1;
    const factor = count === 0 ? 1 : Math.max(minFactor, (successes / count) * latencyFactor);
    this.factors.set(providerId, { changes: this.changeCount, validThrough: oldest + windowMs, factor });
    return factor;
  }

  get changes(): number {
    return this.changeCount;
  }

  factorValidThrough(providerId: string): number {
    this.factor(providerId);
    return this.factors.get(providerId)!.validThrough;
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
