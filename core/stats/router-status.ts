import { inject, injectable } from 'inversify';
import { ResponseCache } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard, type ThrottleStatus } from '../resilience/rate-limit-guard.js';
import { ProviderHealth } from '../router/provider-health.js';
import { LatencyRecorder } from './latency-recorder.js';
import { RouterStats, type ProviderCounters } from './router-stats.js';
import type { ProviderState, ProviderStatsSnapshot, RouterStatsSnapshot } from './stats-snapshot.js';

/** A degraded provider's health factor is below this. */
const DEGRADED_BELOW = 0.8;

/**
 * The router as the status API shows it: the counters of RouterStats joined with each provider's
 * live state (rate-limit guard, circuit, health), shares and the cache size.
 */
@injectable()
export class RouterStatus {
  constructor(
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(ProviderHealth) private readonly health: ProviderHealth,
    @inject(ResponseCache) private readonly cache: ResponseCache,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  snapshot(): RouterStatsSnapshot {
    const counters = this.stats.counters();
    const tallies = this.registry.all().map((provider) => ({ provider, tally: counters.providers[provider.id] ?? emptyCounters() }));
    const served = tallies.reduce((total, { tally }) => total + tally.served, 0);
    const upstream = tallies.reduce((total, { tally }) => total + tally.upstreamCalls, 0);
    const { totals } = counters;
    return {
      at: counters.at,
      startedAt: counters.startedAt,
      totals: { ...totals, cacheHitRate: percent(totals.cacheHits, totals.requests) },
      cache: { keys: this.cache.size() },
      byCapability: counters.byCapability,
      providers: tallies.map(({ provider, tally }) => this.providerSnapshot(provider, tally, served, upstream)),
      recentErrors: counters.recentErrors,
    };
  }

  private providerSnapshot(provider: MarketProvider, tally: ProviderCounters, served: number, upstream: number): ProviderStatsSnapshot {
    const throttle = this.guard.status(provider);
    const policy = this.policies.policyFor(provider);
    const circuit = policy.circuit();
    const health = Math.round(this.health.factor(provider.id) * 100) / 100;
    const openUntil = policy.openUntil();
    const cooldownUntil = Math.max(throttle.cooldownUntil ?? 0, openUntil ?? 0);
    return {
      id: provider.id,
      name: provider.declaration.name,
      priority: provider.declaration.priority,
      weight: provider.declaration.weight,
      state: stateOf(provider, throttle, circuit, health, tally),
      disabledReason: provider.disabledReason,
      rateLimited: throttle.rateLimited,
      cooldownUntil: cooldownUntil > this.clock.now() ? cooldownUntil : null,
      circuit,
      health,
      requests: tally.requests,
      served: tally.served,
      trafficShare: percent(tally.served, served),
      upstreamCalls: tally.upstreamCalls,
      upstreamShare: percent(tally.upstreamCalls, upstream),
      successes: tally.successes,
      failures: tally.failures,
      failuresByKind: tally.failuresByKind,
      cacheHits: tally.cacheHits,
      latency: tally.latency,
      lastError: tally.lastError,
    };
  }
}

function stateOf(
  provider: MarketProvider,
  throttle: ThrottleStatus,
  circuit: ProviderStatsSnapshot['circuit'],
  health: number,
  tally: ProviderCounters,
): ProviderState {
  if (provider.disabledReason !== null) return 'disabled';
  if (throttle.blacklisted) return 'blacklisted';
  if (throttle.rateLimited) return 'rate-limited';
  if (circuit === 'open') return 'circuit-open';
  if (tally.successes === 0 && tally.failures > 0) return 'offline';
  if (health < DEGRADED_BELOW) return 'degraded';
  if (tally.upstreamCalls === 0 && tally.cacheHits > 0) return 'cached';
  return 'online';
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1_000) / 10;
}

/** Counters of a provider that has seen no traffic yet. */
function emptyCounters(): ProviderCounters {
  return { requests: 0, served: 0, upstreamCalls: 0, successes: 0, failures: 0, failuresByKind: {}, cacheHits: 0, latency: new LatencyRecorder().summary(), lastError: null };
}
