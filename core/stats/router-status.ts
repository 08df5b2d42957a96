import { inject, injectable } from 'inversify';
import { ResponseCache } from '../cache/response-cache.js';
import { Clock } from '../clock/clock.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard, type ThrottleStatus } from '../resilience/rate-limit-guard.js';
import { ProviderHealth, type RecentOutcomes } from '../router/provider-health.js';
import { emptyProviderCounters } from './metrics-router-stats.js';
import { RouterStats, type ProviderCounters } from './router-stats.js';
import type { ProviderState, ProviderStatsSnapshot, RouterStatsSnapshot } from './stats-snapshot.js';

/** A degraded provider's health factor is below this. */
const DEGRADED_BELOW = 0.8;

/**
 * The router as the status API shows it: the counters of RouterStats joined with each provider's
 * live state (rate-limit guard, circuit, health), shares and the cache size. Concurrent callers
 * (the status sections, the metrics' collect) share one reading.
 */
@injectable()
export class RouterStatus {
  private reading: Promise<RouterStatsSnapshot> | undefined;

  constructor(
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(ProviderHealth) private readonly health: ProviderHealth,
    @inject(ResponseCache) private readonly cache: ResponseCache,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** The router's figures now; calls made while one is being read get that one. */
  snapshot(): Promise<RouterStatsSnapshot> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<RouterStatsSnapshot> {
    const counters = await this.stats.counters();
    const tallies = this.registry.all().map((provider) => ({ provider, tally: counters.providers[provider.id] ?? emptyProviderCounters() }));
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
      state: stateOf(provider, { throttle, held: !this.guard.allows(provider), circuit, health, recent: this.health.recent(provider.id), tally }),
      disabledReason: provider.disabledReason,
      rateLimited: throttle.rateLimited,
      blacklisted: throttle.blacklisted,
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
      cacheMisses: tally.cacheMisses,
      coalesced: tally.coalesced,
      latency: tally.latency,
      lastError: tally.lastError,
    };
  }
}

/** What a provider's state is judged on. */
interface StateInputs {
  throttle: ThrottleStatus;
  /** The guard holds its next call back now (budget or spacing, or a cooldown). */
  held: boolean;
  circuit: ProviderStatsSnapshot['circuit'];
  health: number;
  recent: RecentOutcomes;
  tally: ProviderCounters;
}

/**
 * Most severe first. `offline`: every upstream call still in the health window failed.
 * `cached`: the guard holds its calls back (its declared budget or spacing, CoinGecko's 10 s,
 * not a 429 cooldown) after it served answers, so only those cached answers can be served now;
 * or it only ever answered from cache (a cache shared by replicas).
 */
function stateOf(provider: MarketProvider, { throttle, held, circuit, health, recent, tally }: StateInputs): ProviderState {
  if (provider.disabledReason !== null) return 'disabled';
  if (throttle.blacklisted) return 'blacklisted';
  if (throttle.rateLimited) return 'rate-limited';
  if (circuit === 'open') return 'circuit-open';
  if (recent.failures > 0 && recent.successes === 0) return 'offline';
  if (health < DEGRADED_BELOW) return 'degraded';
  if ((held && tally.served > 0) || (tally.upstreamCalls === 0 && tally.cacheHits > 0)) return 'cached';
  return 'online';
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1_000) / 10;
}
