/**
 * Recent accepted prices per market (`BTC/USD`, `BTC/USDT`: like is compared with like) and provider: what a new quote is judged against. Both calls
 * are synchronous (the cross-check judges every quote with them): reference prices shared by
 * replicas publish accepted prices in the background and answer from their local mirror.
 */
export interface ReferencePrices {
  /** Records an accepted price. */
  accept(market: string, providerId: string, price: number): void;
  /** The price `providerId`'s quote is judged against, or undefined when nothing recent is known. */
  referenceFor(market: string, providerId: string): number | undefined;
}

/** Injection token for the ReferencePrices. */
export const ReferencePrices = Symbol.for('crypto-datasource.ReferencePrices');
