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
 * What the router, the resilience policies and the status share about the router's traffic:
 * client requests, per provider selections, cache lookups, coalesced and upstream calls with
 * their latency, failures and what was done about them. Recording is synchronous and cheap (the
 * router records on every request); reading is asynchronous (the default records into the
 * prom-client metrics `/metrics` exposes, and reads them back). Bounded memory.
 */
export interface RouterStats {
  /** A client request finished (successfully or not). */
  recordRequest(capability: Capability, outcome: RequestOutcome): void;
  /** The router chose this provider for a request. */
  recordSelection(providerId: string, capability: Capability): void;
  /** An answer was served from this provider's fresh cache. */
  recordCacheHit(providerId: string, capability: Capability): void;
  /** This provider had no fresh cached answer: the request goes on to a shared or an upstream call. */
  recordCacheMiss(providerId: string, capability: Capability): void;
  /** The request joined an identical upstream call already running. */
  recordCoalesced(providerId: string, capability: Capability): void;
  /** This provider's answer reached a client. */
  recordServed(providerId: string, capability: Capability): void;
  /**
   * What `recordSelection`, `recordCacheHit` and `recordServed` record together for one answer
   * served from this provider's cache, as a function a hot path keeps per provider and capability.
   */
  cacheHitRecorder(providerId: string, capability: Capability): () => void;
  /** An upstream call answered (with an answer that passed the checks) after `latencyMs`. */
  recordUpstreamSuccess(providerId: string, capability: Capability, latencyMs: number): void;
  /** An upstream call failed after `latencyMs`, and what was done about it. */
  recordUpstreamFailure(providerId: string, capability: Capability, error: ProviderError, action: ErrorAction, latencyMs: number): void;
  /** The price cross-check refused this provider's answer. */
  recordRejection(providerId: string, capability: Capability, error: ProviderError): void;
  /** A later decision about an already recorded failure (a retry, an opened circuit). */
  recordAction(providerId: string, error: ProviderError, action: ErrorAction): void;
  /** The counters so far; RouterStatus adds live provider state to them. */
  counters(): Promise<RouterCounters>;
}

/** One provider's counters. */
export interface ProviderCounters {
  /** Times the router chose it. */
  requests: number;
  served: number;
  upstreamCalls: number;
  successes: number;
  /** Failed upstream calls plus answers the cross-check refused. */
  failures: number;
  failuresByKind: Partial<Record<ProviderError['kind'], number>>;
  cacheHits: number;
  cacheMisses: number;
  coalesced: number;
  /** Upstream latency since start. */
  latency: LatencySummary;
  lastError: { kind: ProviderError['kind']; message: string; at: number } | null;
}

/** Everything RouterStats counted. */
export interface RouterCounters {
  at: number;
  startedAt: number;
  totals: CapabilityStatsSnapshot & { latency: LatencySummary };
  byCapability: Record<string, CapabilityStatsSnapshot>;
  providers: Record<string, ProviderCounters>;
  recentErrors: ErrorGroupSnapshot[];
}

/** Injection token for RouterStats. */
export const RouterStats = Symbol.for('crypto-datasource.RouterStats');
