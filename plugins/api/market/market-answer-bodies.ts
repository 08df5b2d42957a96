import { type Capability, type RoutedAnswer } from '../../../core/index.js';

/** Fields every routed answer carries: where it came from and how fresh it is. */
export function provenance(answer: RoutedAnswer<Capability>): { source: string; cached: boolean; stale?: true } {
  return { source: answer.source, cached: answer.cached, ...(answer.stale ? { stale: true as const } : {}) };
}

/** The market a per-symbol answer really came from: its quote, the provider's market id, and the quote asked when another stood for it. */
export function marketOf(answer: RoutedAnswer<Capability>): { quote: string; market: string; requestedQuote?: string } {
  const { market } = answer;
  if (market === undefined) throw new Error(`the router answered without a market (${answer.providerId})`);
  return { quote: market.quote, market: market.id, ...(market.requestedQuote === market.quote ? {} : { requestedQuote: market.requestedQuote }) };
}

/** A routed price in the SPEC shape, with the market it came from. */
export function priceBody(answer: RoutedAnswer<'price'>): Record<string, unknown> {
  return { symbol: answer.data.symbol, price: answer.data.price, timestamp: answer.data.timestamp, ...marketOf(answer), ...provenance(answer) };
}

/** A routed ticker: every field the provider gave, with the market it came from. */
export function tickerBody(answer: RoutedAnswer<'ticker'>): Record<string, unknown> {
  return { ...answer.data, ...marketOf(answer), ...provenance(answer) };
}
