import type { Capability, CapabilityQuery } from '../providers/capability.js';
import { marketKey } from '../markets/listed-market.js';
import { quoteOf, symbolOf } from './answer-checks.js';

/**
 * What reference prices are kept under for a query: its market, base and quote asked (`BTC/USD`,
 * `BTC/EUR`), so prices are compared like with like; undefined for queries that name no symbol.
 * A USDT market standing for USD (`markets.usdFrom`) counts as the USD market it answers for.
 */
export function referenceKeyOf<C extends Capability>(query: CapabilityQuery<C>): string | undefined {
  const symbol = symbolOf(query);
  return symbol === undefined ? undefined : marketKey(symbol, quoteOf(query));
}
