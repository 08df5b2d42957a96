import { inject, injectable } from 'inversify';
import { nestedCell } from '../collections/nested-cell.js';
import { Clock } from '../clock/clock.js';
import type { ProviderError, ProviderErrorKind } from '../errors/provider-error.js';
import type { Capability } from '../providers/capability.js';
import { readCounter } from '../metrics/counter-reading.js';
import { addReadings, emptyReading, readHistogram, type HistogramReading, type SeriesLabels } from '../metrics/histogram-reading.js';
import type { Tally } from '../metrics/tallied-histogram.js';
import { REQUEST_BUCKETS_SECONDS, RouterMetrics, UPSTREAM_BUCKETS_SECONDS, type RequestResult } from '../metrics/router-metrics.js';
import { ErrorGroups } from './error-groups.js';
import { summarizeLatency } from './latency-summary.js';
import type { ProviderCounters, RequestOutcome, RouterCounters, RouterStats } from './router-stats.js';
import type { CapabilityStatsSnapshot, ErrorAction } from './stats-snapshot.js';

const SEPARATOR = '\u0000';
const key = (...parts: Array<string | number>): string => parts.join(SEPARATOR);
const split = (group: string): string[] => group.split(SEPARATOR);
const labels = (...names: string[]) => (series: SeriesLabels): string => key(...names.map((name) => series[name] ?? ''));

/**
 * The default RouterStats: every figure is recorded once, into the router's prom-client metrics
 * (RouterMetrics), and read back from them, so `/metrics` and the status never disagree. Only
 * what a metric cannot hold stays here: each provider's last error and the grouped recent errors.
 */
@injectable()
export class MetricsRouterStats implements RouterStats {
  private readonly startedAt: number;
  private readonly errors = new ErrorGroups();
  private readonly lastErrors = new Map<string, ProviderCounters['lastError']>();
  /** The request histogram's series, by capability and result: every routed request is tallied in one. */
  private readonly requestSeries = new Map<Capability, Map<RequestResult, Tally>>();

  constructor(
    @inject(RouterMetrics) private readonly metrics: RouterMetrics,
    @inject(Clock) private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  recordRequest(capability: Capability, outcome: RequestOutcome): void {
    const result: RequestResult = !outcome.ok ? 'failed' : outcome.stale ? 'stale' : outcome.cached ? 'cached' : 'fresh';
    const { requests } = this.metrics;
    requests.tally(nestedCell(this.requestSeries, capability, result, () => requests.seriesOf({ capability, result })), outcome.durationMs / 1000);
  }

  recordSelection(providerId: string, capability: Capability): void {
    this.metrics.pendingSelections.add(providerId, capability);
  }

  recordCacheHit(providerId: string, capability: Capability): void {
    this.metrics.pendingCacheHits.add(providerId, capability);
  }

  recordCacheMiss(providerId: string, capability: Capability): void {
    this.metrics.cacheLookups.inc({ provider: providerId, capability, result: 'miss' });
  }

  recordCoalesced(providerId: string, capability: Capability): void {
    this.metrics.coalesced.inc({ provider: providerId, capability });
  }

  recordServed(providerId: string, capability: Capability): void {
    this.metrics.pendingServed.add(providerId, capability);
  }

  cacheHitRecorder(providerId: string, capability: Capability): () => void {
    const selections = this.metrics.pendingSelections.cell(providerId, capability);
    const cacheHits = this.metrics.pendingCacheHits.cell(providerId, capability);
    const served = this.metrics.pendingServed.cell(providerId, capability);
    return () => {
      selections.count += 1;
      cacheHits.count += 1;
      served.count += 1;
    };
  }

  recordUpstreamSuccess(providerId: string, capability: Capability, latencyMs: number): void {
    this.metrics.upstream.observe({ provider: providerId, capability, outcome: 'success' }, latencyMs / 1000);
  }

  recordUpstreamFailure(providerId: string, capability: Capability, error: ProviderError, action: ErrorAction, latencyMs: number): void {
    this.metrics.upstream.observe({ provider: providerId, capability, outcome: error.kind }, latencyMs / 1000);
    this.noteError(providerId, error, action);
  }

  recordRejection(providerId: string, capability: Capability, error: ProviderError): void {
    this.metrics.rejected.inc({ provider: providerId, capability });
    this.noteError(providerId, error, 'rejected');
  }

  recordAction(providerId: string, error: ProviderError, action: ErrorAction): void {
    this.errors.relabel(providerId, error, action);
  }

  async counters(): Promise<RouterCounters> {
    const [requests, upstream, selections, served, lookups, coalesced, rejected] = await Promise.all([
      readHistogram(this.metrics.requests, labels('capability', 'result')),
      readHistogram(this.metrics.upstream, labels('provider', 'capability', 'outcome')),
      readCounter(this.metrics.selections, labels('provider')),
      readCounter(this.metrics.served, labels('provider')),
      readCounter(this.metrics.cacheLookups, labels('provider', 'result')),
      readCounter(this.metrics.coalesced, labels('provider')),
      readCounter(this.metrics.rejected, labels('provider', 'capability')),
    ]);

    const byCapability: Record<string, CapabilityStatsSnapshot> = {};
    const capability = (name: string): CapabilityStatsSnapshot =>
      (byCapability[name] ??= { requests: 0, successes: 0, failures: 0, cacheHits: 0, staleServed: 0, upstreamCalls: 0 });
    let requestLatency = emptyReading([...REQUEST_BUCKETS_SECONDS, Infinity]);
    for (const [group, reading] of requests) {
      const [name, result] = split(group) as [string, RequestResult];
      const tally = capability(name);
      tally.requests += reading.count;
      if (result === 'failed') tally.failures += reading.count;
      else tally.successes += reading.count;
      if (result === 'cached') tally.cacheHits += reading.count;
      if (result === 'stale') tally.staleServed += reading.count;
      requestLatency = addReadings(requestLatency, reading);
    }

    const providers: Record<string, ProviderCounters> = {};
    const latencies = new Map<string, HistogramReading>();
    const provider = (id: string): ProviderCounters => (providers[id] ??= emptyProviderCounters(this.lastErrors.get(id) ?? null));
    for (const [group, reading] of upstream) {
      const [id, name, outcome] = split(group) as [string, string, 'success' | ProviderErrorKind];
      const tally = provider(id);
      tally.upstreamCalls += reading.count;
      capability(name).upstreamCalls += reading.count;
      if (outcome === 'success') tally.successes += reading.count;
      else {
        tally.failures += reading.count;
        tally.failuresByKind[outcome] = (tally.failuresByKind[outcome] ?? 0) + reading.count;
      }
      const latency = latencies.get(id);
      latencies.set(id, latency === undefined ? reading : addReadings(latency, reading));
    }
    for (const [group, count] of rejected) {
      const tally = provider(split(group)[0]!);
      tally.failures += count;
      tally.failuresByKind.insane_value = (tally.failuresByKind.insane_value ?? 0) + count;
    }
    for (const [id, count] of selections) provider(id).requests = count;
    for (const [id, count] of served) provider(id).served = count;
    for (const [id, count] of coalesced) provider(id).coalesced = count;
    for (const [group, count] of lookups) {
      const [id, result] = split(group) as [string, 'hit' | 'miss'];
      if (result === 'hit') provider(id).cacheHits = count;
      else provider(id).cacheMisses = count;
    }
    for (const [id, reading] of latencies) provider(id).latency = summarizeLatency(reading);

    const capabilities = Object.values(byCapability);
    const sum = (pick: (tally: CapabilityStatsSnapshot) => number): number => capabilities.reduce((total, tally) => total + pick(tally), 0);
    return {
      at: this.clock.now(),
      startedAt: this.startedAt,
      totals: {
        requests: sum((t) => t.requests),
        successes: sum((t) => t.successes),
        failures: sum((t) => t.failures),
        cacheHits: sum((t) => t.cacheHits),
        staleServed: sum((t) => t.staleServed),
        upstreamCalls: sum((t) => t.upstreamCalls),
        latency: summarizeLatency(requestLatency),
      },
      byCapability,
      providers,
      recentErrors: this.errors.list(),
    };
  }

  private noteError(providerId: string, error: ProviderError, action: ErrorAction): void {
    const at = this.clock.now();
    this.lastErrors.set(providerId, { kind: error.kind, message: error.message, at });
    this.errors.record(providerId, error, action, at);
  }
}

/** Counters of a provider that has seen no traffic yet. */
export function emptyProviderCounters(lastError: ProviderCounters['lastError'] = null): ProviderCounters {
  return {
    requests: 0,
    served: 0,
    upstreamCalls: 0,
    successes: 0,
    failures: 0,
    failuresByKind: {},
    cacheHits: 0,
    cacheMisses: 0,
    coalesced: 0,
    latency: summarizeLatency(emptyReading([...UPSTREAM_BUCKETS_SECONDS, Infinity])),
    lastError,
  };
}
