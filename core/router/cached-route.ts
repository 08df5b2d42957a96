import type { CapabilityQuery } from '../providers/capability.js';
import type { RoutedAnswer } from './market-router.js';

/** The per-market capabilities the cache-hit lane serves. */
export type CachedCapability = 'price' | 'ticker';

/**
 * The smart router's cache hit, decided synchronously, for a lane in front of the full route: the
 * answer `MarketRouter.route` would serve from the cache, with the accounting `route` does, or
 * undefined, having changed nothing, whenever `route` would do anything else.
 */
export interface CachedRoute {
  serve<C extends CachedCapability>(capability: C, query: CapabilityQuery<C> & { quote: string }): RoutedAnswer<C> | undefined;
}

/** Injection token for the CachedRoute. */
export const CachedRoute = Symbol.for('crypto-datasource.CachedRoute');
