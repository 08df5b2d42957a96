import type { ListedMarket } from '../markets/listed-market.js';
import type { BatchAnswers, BatchLimit } from './batch-contribution.js';
import type { BatchCapability, Capability, CapabilityQuery, CapabilityResult } from './capability.js';
import type { ProviderDeclaration } from './provider-declaration.js';

/** Rate-limit state an upstream reported in its response headers (e.g. `x-mbx-used-weight-1m`). */
export interface RateLimitInfo {
  /** Calls (or weight) left in the current window. */
  remaining?: number;
  /** Size of the window's budget. */
  limit?: number;
  /** Milliseconds until the window resets. */
  resetMs?: number;
}

/** Per-call context the router hands a provider. */
export interface FetchContext {
  /** Aborted when the call's timeout or the request's deadline passes. */
  signal: AbortSignal;
  /** Providers report rate-limit headers here so the guard can slow down before a 429. */
  onRateLimitInfo?(info: RateLimitInfo): void;
  /** The market the router chose for a ticker of this call (from the market catalogue); without it, the declaration's symbol map. */
  marketFor?(ticker: string): MarketRef | undefined;
  /** Awaited before each upstream request of the call: a listing takes a rate-limit slot per request here. */
  beforeRequest?(): Promise<void>;
}

/** A provider's market for one ticker: its own identifier and the quote it is in. */
export interface MarketRef {
  id: string;
  quote: string;
}

/**
 * One upstream source of market data, as the router sees it: built by the ProviderRegistry from a
 * plugin's ProviderContribution. A provider only fetches, parses and validates; it never retries,
 * caches or throttles itself: the router does that from `declaration`. Failures are thrown as
 * ProviderError with the kind the router acts on.
 */
export interface MarketProvider {
  /** Stable id used in config (`providers.<id>`), stats and the simulator, e.g. `binance`. */
  readonly id: string;
  /** The effective declaration: plugin defaults with config overrides applied. */
  readonly declaration: ProviderDeclaration;
  /** Why the provider cannot be used (e.g. `COINCAP_API_KEY is not set`), or null when enabled. */
  readonly disabledReason: string | null;
  /** Fetches one capability. Answers are already validated and sane. */
  fetch<C extends Capability>(capability: C, query: CapabilityQuery<C>, context: FetchContext): Promise<CapabilityResult<C>>;
  /** Every market the provider lists, read from its listing endpoint; absent when it has none. */
  listMarkets?(context: FetchContext): Promise<ListedMarket[]>;
  /** The limits and weight of its batch endpoint for `capability`, when it has one. */
  batchOf?(capability: BatchCapability): ProviderBatch | undefined;
  /** Fetches many symbols in one upstream call (within `batchOf(capability).limit`); per-symbol answers are validated and sane. */
  fetchMany?<C extends BatchCapability>(capability: C, queries: readonly CapabilityQuery<C>[], context: FetchContext): Promise<BatchAnswers<C>>;
}

/** What the router needs to know about a provider's batch endpoint. */
export interface ProviderBatch {
  limit: BatchLimit;
  weight(symbols: number): number;
}
