import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { ProviderError } from '../errors/provider-error.js';
import type { Capability } from '../providers/capability.js';
import { ErrorGroups } from './error-groups.js';
import { LatencyRecorder } from './latency-recorder.js';
import { RequestRate } from './request-rate.js';
import type { ProviderCounters, RequestOutcome, RouterCounters, RouterStats } from './router-stats.js';
import type { CapabilityStatsSnapshot, ErrorAction } from './stats-snapshot.js';

interface ProviderTally extends Omit<ProviderCounters, 'latency'> {
  latency: LatencyRecorder;
}

/** RouterStats in process memory; every structure is bounded (see LatencyRecorder, ErrorGroups). */
@injectable()
export class InMemoryRouterStats implements RouterStats {
  private readonly startedAt: number;
  private readonly providers = new Map<string, ProviderTally>();
  private readonly capabilities = new Map<string, CapabilityStatsSnapshot>();
  private readonly latency = new LatencyRecorder();
  private readonly rate = new RequestRate();
  private readonly errors = new ErrorGroups();

  constructor(@inject(Clock) private readonly clock: Clock) {
    this.startedAt = clock.now();
  }

  recordRequest(capability: Capability, outcome: RequestOutcome): void {
    const tally = this.capability(capability);
    tally.requests += 1;
    if (outcome.ok) tally.successes += 1;
    else tally.failures += 1;
    if (outcome.cached && !outcome.stale) tally.cacheHits += 1;
    if (outcome.stale) tally.staleServed += 1;
    this.latency.record(outcome.durationMs);
    this.rate.record(this.clock.now());
  }

  recordSelection(providerId: string): void {
    this.provider(providerId).requests += 1;
  }

  recordCacheHit(providerId: string): void {
    this.provider(providerId).cacheHits += 1;
  }

  recordServed(providerId: string): void {
    this.provider(providerId).served += 1;
  }

  recordUpstreamCall(providerId: string, capability: Capability): void {
    this.provider(providerId).upstreamCalls += 1;
    this.capability(capability).upstreamCalls += 1;
  }

  recordUpstreamSuccess(providerId: string, latencyMs: number): void {
    const tally = this.provider(providerId);
    tally.successes += 1;
    tally.latency.record(latencyMs);
  }

  recordFailure(providerId: string, error: ProviderError, action: ErrorAction, latencyMs?: number): void {
    const tally = this.provider(providerId);
    const at = this.clock.now();
    tally.failures += 1;
    tally.failuresByKind[error.kind] = (tally.failuresByKind[error.kind] ?? 0) + 1;
    tally.lastError = { kind: error.kind, message: error.message, at };
    if (latencyMs !== undefined) tally.latency.record(latencyMs);
    this.errors.record(providerId, error, action, at);
  }

  recordAction(providerId: string, error: ProviderError, action: ErrorAction): void {
    this.errors.relabel(providerId, error, action);
  }

  counters(): RouterCounters {
    const capabilities = [...this.capabilities.values()];
    const sum = (pick: (tally: CapabilityStatsSnapshot) => number): number => capabilities.reduce((total, tally) => total + pick(tally), 0);
    const now = this.clock.now();
    return {
      at: now,
      startedAt: this.startedAt,
      totals: {
        requests: sum((t) => t.requests),
        successes: sum((t) => t.successes),
        failures: sum((t) => t.failures),
        cacheHits: sum((t) => t.cacheHits),
        staleServed: sum((t) => t.staleServed),
        upstreamCalls: sum((t) => t.upstreamCalls),
        requestsPerSecond: this.rate.perSecond(now),
        latency: this.latency.summary(),
      },
      byCapability: Object.fromEntries([...this.capabilities].map(([name, tally]) => [name, { ...tally }])),
      providers: Object.fromEntries(
        [...this.providers].map(([id, tally]) => [id, { ...tally, failuresByKind: { ...tally.failuresByKind }, latency: tally.latency.summary() }]),
      ),
      recentErrors: this.errors.list(),
    };
  }

  private provider(id: string): ProviderTally {
    let tally = this.providers.get(id);
    if (tally === undefined) {
      tally = { requests: 0, served: 0, upstreamCalls: 0, successes: 0, failures: 0, failuresByKind: {}, cacheHits: 0, latency: new LatencyRecorder(), lastError: null };
      this.providers.set(id, tally);
    }
    return tally;
  }

  private capability(name: string): CapabilityStatsSnapshot {
    let tally = this.capabilities.get(name);
    if (tally === undefined) {
      tally = { requests: 0, successes: 0, failures: 0, cacheHits: 0, staleServed: 0, upstreamCalls: 0 };
      this.capabilities.set(name, tally);
    }
    return tally;
  }
}
