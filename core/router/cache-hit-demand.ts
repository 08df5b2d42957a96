import { injectable } from 'inversify';
import type { Capability, CapabilityQuery } from '../providers/capability.js';
import { queryKey, withQuote } from './query-key.js';

/** Told of a query served from a provider's cache, under its query key. */
export type CacheHitListener = (key: string, providerId: string) => void;

/**
 * Where a cache hit served outside `MarketRouter.route` (the CachedRoute of the fast lanes) tells
 * the router of its demand, so refresh ahead keeps a hot answer fresh whichever path served it.
 */
@injectable()
export class CacheHitDemand {
  private listener: CacheHitListener | undefined;

  /** The router's listener (one: the router that owns refresh ahead). */
  listen(listener: CacheHitListener): void {
    this.listener = listener;
  }

  /** The key `served` takes for a query (the router's query key, its quote spelled out): callers serving it often keep it. */
  keyOf<C extends Capability>(capability: C, query: CapabilityQuery<C>): string {
    return queryKey(capability, withQuote(query));
  }

  /** A query (under its `keyOf` key) was served from `providerId`'s cache. */
  served(key: string, providerId: string): void {
    this.listener?.(key, providerId);
  }
}
