import { inject, injectable } from 'inversify';
import { Gauge } from 'prom-client';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { RouterStatus } from '../stats/router-status.js';
import type { CircuitStatus, ProviderState, ProviderStatsSnapshot, RouterStatsSnapshot } from '../stats/stats-snapshot.js';
import { MetricsRegistry } from './metrics-registry.js';

const STATES: readonly ProviderState[] = ['online', 'degraded', 'rate-limited', 'cached', 'circuit-open', 'blacklisted', 'disabled', 'offline'];
const CIRCUITS: readonly CircuitStatus[] = ['closed', 'open', 'half-open'];

/**
 * Each provider's live state as Prometheus gauges, read from RouterStatus when `/metrics` is
 * scraped (the status shows the same reading): state and circuit as state sets (1 for the current
 * state), rate-limited and blacklisted flags, health factor, cooldown left, and the cache size.
 */
@injectable()
export class ProviderStateMetrics implements LifecycleContribution {
  constructor(
    @inject(MetricsRegistry) private readonly registry: MetricsRegistry,
    @inject(RouterStatus) private readonly status: RouterStatus,
  ) {}

  initialize(): void {
    const help = {
      state: 'Provider state (online, degraded, rate-limited, cached, circuit-open, blacklisted, disabled, offline): 1 for the current one',
      circuit: 'Circuit breaker state (closed, open, half-open): 1 for the current one',
      rateLimited: 'Provider cooling down after a 429, a ban, a Retry-After or a spent header budget (1) or not (0)',
      blacklisted: 'Provider blacklisted after repeated 429s (1) or not (0)',
      health: 'Health factor (0-1] the router scales the provider weight by',
      cooldown: 'Seconds until the provider cooldown, blacklist or open circuit ends (0 when none)',
    };
    this.gauge('crypto_datasource_provider_state', help.state, ['provider', 'state'], (gauge, snapshot) => {
      for (const provider of snapshot.providers) for (const state of STATES) gauge.set({ provider: provider.id, state }, provider.state === state ? 1 : 0);
    });
    this.gauge('crypto_datasource_provider_circuit_state', help.circuit, ['provider', 'state'], (gauge, snapshot) => {
      for (const provider of snapshot.providers) for (const state of CIRCUITS) gauge.set({ provider: provider.id, state }, provider.circuit === state ? 1 : 0);
    });
    this.perProvider('crypto_datasource_provider_rate_limited', help.rateLimited, (provider) => (provider.rateLimited ? 1 : 0));
    this.perProvider('crypto_datasource_provider_blacklisted', help.blacklisted, (provider) => (provider.blacklisted ? 1 : 0));
    this.perProvider('crypto_datasource_provider_health_ratio', help.health, (provider) => provider.health);
    this.perProvider('crypto_datasource_provider_cooldown_seconds', help.cooldown, (provider, at) => (provider.cooldownUntil === null ? 0 : Math.max(0, (provider.cooldownUntil - at) / 1000)));
    this.gauge('crypto_datasource_cache_keys', 'Answers held in the response cache', [], (gauge, snapshot) => gauge.set(snapshot.cache.keys));
  }

  private perProvider(name: string, help: string, pick: (provider: ProviderStatsSnapshot, at: number) => number): void {
    this.gauge(name, help, ['provider'], (gauge, snapshot) => {
      for (const provider of snapshot.providers) gauge.set({ provider: provider.id }, pick(provider, snapshot.at));
    });
  }

  /** A gauge filled from a RouterStatus reading each time it is collected. */
  private gauge<L extends string>(name: string, help: string, labelNames: L[], fill: (gauge: Gauge<L>, snapshot: RouterStatsSnapshot) => void): void {
    const status = this.status;
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect(this: Gauge<L>): Promise<void> {
        fill(this, await status.snapshot());
      },
    });
  }
}
