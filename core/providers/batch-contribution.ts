import type { ProviderError } from '../errors/provider-error.js';
import type { BatchCapability, CapabilityQuery, CapabilityResult } from './capability.js';
import type { UpstreamClient } from './upstream-client.js';

/** One batch call's answer, per symbol asked: its validated answer, or the ProviderError that symbol alone failed with. */
export type BatchAnswers<C extends BatchCapability> = ReadonlyMap<string, CapabilityResult<C> | ProviderError>;

/**
 * Answers many symbols in one upstream call. A symbol missing from the map counts as unknown to
 * the provider; an element that fails its schema or a sanity check is that symbol's ProviderError,
 * never a wrong answer and never a failure of the others. A failure of the call itself (transport,
 * status, envelope) is thrown, as from a CapabilityFunction.
 */
export type BatchFunction<C extends BatchCapability> = (queries: readonly CapabilityQuery<C>[], upstream: UpstreamClient) => Promise<BatchAnswers<C>>;

/** The upstream's documented limits on one batch call; core splits a longer list into several calls. */
export interface BatchLimit {
  /** Most symbols in one call. */
  maxSymbols: number;
  /** Most characters of the provider's identifiers joined with commas (`fsyms=BTC,ETH` counts 7), when the API limits the parameter's length. */
  maxListChars?: number;
}

/** A batch endpoint a provider declares for one capability. */
export interface BatchContribution<C extends BatchCapability> {
  limit: BatchLimit;
  /**
   * What one call of `symbols` symbols costs against the provider's rate limit, in the units of its
   * declared `rateLimit.requests` (a single-symbol call costs 1): the endpoint's documented weight.
   */
  weight(symbols: number): number;
  fetch: BatchFunction<C>;
}

/** The batch endpoint of each capability a provider can batch. */
export type BatchFunctions = { readonly [C in BatchCapability]?: BatchContribution<C> };
