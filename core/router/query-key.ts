import type { Capability, CapabilityQuery } from '../providers/capability.js';
import { quoteOf, symbolOf } from './answer-checks.js';

/** One key per capability and query as asked (the same query asked again spells its fields in the same order). */
export function queryKey<C extends Capability>(capability: C, query: CapabilityQuery<C>): string {
  return `${capability}:${JSON.stringify(query)}`;
}

/** A per-symbol query with its quote spelled out (USD when absent), so equal queries share one cache key. */
export function withQuote<C extends Capability>(query: CapabilityQuery<C>): CapabilityQuery<C> {
  return symbolOf(query) === undefined ? query : { ...query, quote: quoteOf(query) };
}
