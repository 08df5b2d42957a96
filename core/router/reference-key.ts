import type { Capability, CapabilityQuery } from '../providers/capability.js';
import { symbolOf } from './answer-checks.js';

/**
 * What reference prices are kept under for a query: its symbol (every price is in USD), or
 * undefined for queries that name none. The one place that decides it, so a market key
 * (base and quote) replaces it here alone.
 */
export function referenceKeyOf<C extends Capability>(query: CapabilityQuery<C>): string | undefined {
  return symbolOf(query);
}
