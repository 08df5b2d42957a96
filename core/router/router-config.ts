import { z } from 'zod';

const ms = z.number().int().min(0);

/** How recent outcomes scale a provider's share of first attempts. */
export const HealthWindowConfigSchema = z.strictObject({
  /** Outcomes kept per provider (the newest win). */
  windowSize: z.number().int().min(1).max(1_000).default(50),
  /** Outcomes older than this no longer count, so a recovered provider earns its weight back. */
  windowMs: z.number().int().positive().default(300_000),
  /** Average latency above this scales the weight down proportionally. */
  slowLatencyMs: z.number().int().positive().default(500),
  /** Floor of the health factor: a degraded provider still gets the odd probe. */
  minFactor: z.number().gt(0).max(1).default(0.05),
});

/** Panic routing: what the router does when every candidate for a query is ejected by its circuit breaker. */
export const PanicConfigSchema = z.strictObject({
  /** Probe the provider most likely to have recovered instead of refusing. */
  enabled: z.boolean().default(true),
  /** A provider is probed early at most this often (since its circuit last opened). */
  probeIntervalMs: z.number().int().min(100).max(600_000).default(1_000),
});

/** `mode=consensus`: how many providers to ask. */
export const ConsensusConfigSchema = z
  .strictObject({
    minSources: z.number().int().min(1).max(20).default(3),
    maxSources: z.number().int().min(1).max(20).default(5),
  })
  .refine((value) => value.minSources <= value.maxSources, { message: 'minSources must not exceed maxSources', path: ['minSources'] });

/**
 * Refresh ahead (RFC 5861's stale-while-revalidate, done before expiry): a request for a query
 * whose cached answers near the end of their TTL refreshes them in the background, so clients of a
 * hot symbol keep getting cached answers; an answer nobody was served recently is left to expire.
 */
export const RefreshAheadConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Share of its TTL after which a cached answer is refreshed (by the next request for its query). */
  atPercentOfTtl: z.number().int().min(50).max(99).default(90),
  /** A cached answer is refreshed only if it was served within this many of its TTLs (demand). */
  demandTtls: z.number().min(1).max(100).default(2),
  /** Share of a provider's declared rate-limit window its refreshes may take, so client requests keep the rest. */
  maxBudgetPercent: z.number().int().min(1).max(100).default(100),
  /** Refreshes running at once at most; beyond it, the next request for the query starts them. */
  maxConcurrent: z.number().int().min(1).max(1_000).default(32),
});

/** `router` section: deadlines, failover bounds, stale serving, price sanity, panic routing, consensus and refresh ahead. */
export const RouterConfigSchema = z.strictObject({
  /** Overall budget of one request, every attempt included. */
  deadlineMs: z.number().int().positive().max(60_000).default(5_000),
  /** Providers tried per request at most (first attempt plus failovers). */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  /** When every provider fails, a cached answer up to this old is served marked stale. */
  maxStalenessMs: ms.default(600_000),
  /** An answer further than this from the reference price is cross-checked before it is served. */
  maxDeviationPercent: z.number().positive().max(1_000).default(10),
  /** Quotes older than this no longer serve as the reference price. */
  referenceMaxAgeMs: z.number().int().positive().default(600_000),
  health: HealthWindowConfigSchema.prefault({}),
  panic: PanicConfigSchema.prefault({}),
  consensus: ConsensusConfigSchema.prefault({}),
  refreshAhead: RefreshAheadConfigSchema.prefault({}),
});

/** Validated `router` section. */
export type RouterConfig = z.infer<typeof RouterConfigSchema>;

/** Injection token for the frozen `router` section. */
export const RouterConfig = Symbol.for('crypto-datasource.RouterConfig');
