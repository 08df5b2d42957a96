import { inject, injectable } from 'inversify';
import { ResponseCache, type CacheEntry } from '../cache/response-cache.js';
import { Logger } from '../logging/logger.js';
import type { Capability, CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { priceOf } from './answer-checks.js';
import { deviates } from './price-deviation.js';
import { referenceKeyOf } from './reference-key.js';
import { ReferencePrices } from './reference-prices.js';
import { RouterConfig } from './router-config.js';

/** The capabilities whose cached answers state a price, under one reference key per query. */
const PRICED: readonly ('price' | 'ticker')[] = ['price', 'ticker'];

/**
 * Wrong prices must not outlive the evidence: a cached answer whose price disagrees with the
 * current reference (the other providers' newer verified quotes) by more than
 * `router.maxDeviationPercent` is never served, neither fresh nor stale, and is dropped; and when
 * an accepted price moves the reference, every cached answer it now contradicts goes at once.
 * Every check is an in-memory lookup, synchronous.
 */
@injectable()
export class CachedAnswerValidity {
  constructor(
    @inject(ReferencePrices) private readonly references: ReferencePrices,
    @inject(ResponseCache) private readonly cache: ResponseCache,
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  /** True when the cached answer states a price further from the reference for its key than the threshold. */
  contradicts<C extends Capability>(capability: C, query: CapabilityQuery<C>, entry: CacheEntry<C>): boolean {
    const key = referenceKeyOf(query);
    const price = priceOf(capability, entry.data);
    if (key === undefined || price === undefined) return false;
    const reference = this.references.referenceFor(key, entry.providerId);
    return reference !== undefined && deviates(price, reference, this.config.maxDeviationPercent);
  }

  /** Drops the provider's cached answer when it contradicts the reference; true when it was dropped (it must not be served). */
  dropIfContradicted<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, entry: CacheEntry<C>): boolean {
    if (!this.contradicts(capability, query, entry)) return false;
    this.cache.drop(provider, capability, query);
    this.logger.warn({ provider: provider.id, capability, key: referenceKeyOf(query), price: priceOf(capability, entry.data) }, 'Dropped a cached answer that contradicts newer verified quotes');
    return true;
  }

  /** An accepted price moved the reference for the query's key: drops every cached priced answer it now contradicts. */
  evictContradicting<C extends Capability>(query: CapabilityQuery<C>): void {
    if (referenceKeyOf(query) === undefined) return;
    const priced = query as CapabilityQuery<'price' | 'ticker'>;
    for (const provider of this.registry.all()) {
      if (provider.declaration.symbols[priced.symbol] === undefined) continue;
      for (const capability of PRICED) {
        if (!provider.declaration.capabilities.includes(capability)) continue;
        const entry = this.cache.held(provider, capability, priced);
        if (entry !== undefined) this.dropIfContradicted(provider, capability, priced, entry);
      }
    }
  }
}
