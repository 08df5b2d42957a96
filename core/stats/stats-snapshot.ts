import type { ProviderErrorKind } from '../errors/provider-error.js';

/** What the router did about a failure, as the status shows it. */
export type ErrorAction = 'failover' | 'retry' | 'backoff' | 'blacklist' | 'circuit opened' | 'rejected';

/** A provider's circuit breaker as the status shows it. */
export type CircuitStatus = 'closed' | 'open' | 'half-open';

/** A provider's overall state, most severe first. */
export type ProviderState = 'disabled' | 'blacklisted' | 'rate-limited' | 'circuit-open' | 'offline' | 'degraded' | 'cached' | 'online';

/**
 * Response times, in milliseconds, read from a prom-client histogram: percentiles are estimated
 * from its buckets (as `histogram_quantile` does); null while nothing was observed.
 */
export interface LatencySummary {
  count: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Observations per bucket, by upper bound (`leMs` null is the overflow bucket). */
  histogram: Array<{ leMs: number | null; count: number }>;
}

/** One provider in the status. */
export interface ProviderStatsSnapshot {
  id: string;
  name: string;
  priority: number;
  weight: number;
  state: ProviderState;
  /** Why it is disabled (missing API key...), or null. */
  disabledReason: string | null;
  rateLimited: boolean;
  /** Blacklisted after repeated 429s, until `cooldownUntil`. */
  blacklisted: boolean;
  /** When its cooldown, blacklist or open circuit ends (ms since epoch), or null. */
  cooldownUntil: number | null;
  circuit: CircuitStatus;
  /** Health factor (0–1] applied to its weight. */
  health: number;
  /** Times the router chose it for a request (cache hits and shared calls included). */
  requests: number;
  /** Answers it served to clients. */
  served: number;
  /** Share of served answers, in percent. */
  trafficShare: number;
  /** Calls actually sent upstream (retries included). */
  upstreamCalls: number;
  /** Share of all upstream calls, in percent. */
  upstreamShare: number;
  successes: number;
  failures: number;
  failuresByKind: Partial<Record<ProviderErrorKind, number>>;
  /** Answers served from its fresh cache. */
  cacheHits: number;
  /** Lookups that found no fresh cached answer. */
  cacheMisses: number;
  /** Requests that shared an identical upstream call already in flight. */
  coalesced: number;
  /** Upstream latency since start. */
  latency: LatencySummary;
  lastError: { kind: ProviderErrorKind; message: string; at: number } | null;
}

/** Errors grouped by provider, kind and message. */
export interface ErrorGroupSnapshot {
  providerId: string;
  kind: ProviderErrorKind;
  message: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  action: ErrorAction;
}

/** Client-facing totals of one capability (endpoint). */
export interface CapabilityStatsSnapshot {
  requests: number;
  successes: number;
  failures: number;
  cacheHits: number;
  staleServed: number;
  upstreamCalls: number;
}

/** Everything the status API needs from the router, as plain JSON. */
export interface RouterStatsSnapshot {
  /** When the snapshot was taken (ms since epoch). */
  at: number;
  startedAt: number;
  totals: CapabilityStatsSnapshot & {
    /** Cache hits per request, in percent. */
    cacheHitRate: number;
    /** Time the router took per request. */
    latency: LatencySummary;
  };
  cache: { keys: number };
  byCapability: Record<string, CapabilityStatsSnapshot>;
  providers: ProviderStatsSnapshot[];
  recentErrors: ErrorGroupSnapshot[];
}
