import type { MarketListingFunction } from '../markets/market-listing.js';
import type { BatchFunctions } from './batch-contribution.js';
import type { Capability, CapabilityQuery, CapabilityResult } from './capability.js';
import type { ProviderDefaults } from './resolve-declaration.js';
import type { UpstreamClient } from './upstream-client.js';

/** Answers one capability: reads the upstream through `upstream` and returns a validated, sane answer. */
export type CapabilityFunction<C extends Capability> = (query: CapabilityQuery<C>, upstream: UpstreamClient) => Promise<CapabilityResult<C>>;

/** The function of each capability a provider serves. */
export type CapabilityFunctions = { readonly [C in Capability]?: CapabilityFunction<C> };

/**
 * What a provider plugin binds: its id, its declaration (weight, priority, symbols, rate limits,
 * cache TTLs, resilience) and one plain function per capability. Core does the rest: the registry
 * applies `providers.<id>` from config, decides whether it is enabled, reads its API key, and hands
 * each call a fresh UpstreamClient. A plugin may bind several (one per configured upstream).
 * `batches` declares, where the upstream allows it, one call answering many symbols with its
 * documented limits and weight; the router uses it for multi-symbol requests (`/prices`).
 */
export interface ProviderContribution {
  /** Stable id used in config (`providers.<id>`), stats and the simulator, e.g. `binance`. */
  readonly id: string;
  /** The declaration before config: identity fields plus whatever differs from the baseline. */
  readonly defaults: ProviderDefaults;
  readonly capabilities: CapabilityFunctions;
  /** Reads the markets the provider lists (its listing endpoint), so its symbols are discovered rather than only declared. */
  readonly listMarkets?: MarketListingFunction;
  readonly batches?: BatchFunctions;
}

/** Injection token for ProviderContribution (multi-bound: every provider plugin binds one or more). */
export const ProviderContribution = Symbol.for('crypto-datasource.ProviderContribution');
