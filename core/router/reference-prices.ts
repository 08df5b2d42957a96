/**
 * Recent accepted prices per reference key (see `referenceKeyOf`) and provider: what a new quote,
 * or a cached answer about to be served, is judged against. Every call is synchronous (the router
 * judges every quote and every cache hit with them): reference prices shared by replicas publish
 * accepted prices in the background and answer from their local mirror.
 */
export interface ReferencePrices {
  /**
   * Records an accepted price. Earlier quotes of other providers that disagree with it by more
   * than `router.maxDeviationPercent` are superseded evidence and no longer count.
   */
  accept(key: string, providerId: string, price: number): void;
  /** The price `providerId`'s quote is judged against, or undefined when nothing recent is known. */
  referenceFor(key: string, providerId: string): number | undefined;
  /** The last accepted price, however old, or undefined when none was ever accepted. */
  lastGood(key: string): number | undefined;
}

/** Injection token for the ReferencePrices. */
export const ReferencePrices = Symbol.for('crypto-datasource.ReferencePrices');
