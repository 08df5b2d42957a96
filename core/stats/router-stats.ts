import type { ProviderError } from '../errors/provider-error.js';
import type { Capability } from '../providers/capability.js';
import type { CapabilityStatsSnapshot, ErrorAction, ErrorGroupSnapshot, LatencySummary } from './stats-snapshot.js';

/** How one client request ended. */
export interface RequestOutcome {
  ok: boolean;
  cached: boolean;
  stale: boolean;
  durationMs: number;
}

/**
 * Counters the router, the resilience policies and the status API share: per provider requests,
 * outcomes, latency and cache hits, grouped recent errors, per capability totals. Bounded memory.
 */
export interface RouterStats {
  /** A client request finished (successfully or not). */
  recordRequest(capability: Capability, outcome: RequestOutcome): void;
  /** The router chose this provider for a request. */
  recordSelection(providerId: string): void;
  /** An answer was served from this provider's cache. */
  recordCacheHit(providerId: string, capability: Capability): void;
  /** This provider's answer reached a client. */
  recordServed(providerId: string): void;
  /** A call was sent upstream. */
  recordUpstreamCall(providerId: string, capability: Capability): void;
  recordUpstreamSuccess(providerId: string, latencyMs: number): void;
  /** A failure and what was done about it; `latencyMs` when an upstream call took that long to fail. */
  recordFailure(providerId: string, error: ProviderError, action: ErrorAction, latencyMs?: number): void;
  /** A later decision about an already recorded failure (a retry, an opened circuit). */
  recordAction(providerId: string, error: ProviderError, action: ErrorAction): void;
  /** The counters so far; RouterStatus adds live provider state to them. */
  counters(): RouterCounters;
}

/** One provider's counters. */
export interface ProviderCounters {
  requests: number;
  served: number;
  upstreamCalls: number;
  successes: number;
  failures: number;
  failuresByKind: Partial<Record<ProviderError['kind'], number>>;
  cacheHits: number;
  latency: LatencySummary;
  lastError: { kind: ProviderError['kind']; message: string; at: number } | null;
}

/** Everything RouterStats counted. */
export interface RouterCounters {
  at: number;
  startedAt: number;
  totals: CapabilityStatsSnapshot & { requestsPerSecond: number; latency: LatencySummary };
  byCapability: Record<string, CapabilityStatsSnapshot>;
  providers: Record<string, ProviderCounters>;
  recentErrors: ErrorGroupSnapshot[];
}

/** Injection token for RouterStats. */
export const RouterStats = Symbol.for('crypto-datasource.RouterStats');
