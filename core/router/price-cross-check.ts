import { deviates } from './price-deviation.js';
import type { ReferencePrices } from './reference-prices.js';

/** A fresh quote waiting to be trusted. */
export interface PendingQuote<T> {
  providerId: string;
  price: number;
  value: T;
}

/** What the cross-check decided about a new quote. */
export interface CrossCheckVerdict<T> {
  /** The quote is trusted and may be served. */
  trusted: boolean;
  /** Earlier quotes the new one corroborates: trusted now too. */
  corroborated: PendingQuote<T>[];
  /** Earlier quotes the trusted one contradicts: never to be served. */
  contradicted: PendingQuote<T>[];
}

/**
 * One request's defence against a wrong price. A quote is trusted when it is near the reference
 * price, or when another provider's quote in the same request agrees with it (the market moved).
 * A quote far from the reference waits as pending, and the router asks another provider. With no
 * recent reference a quote also waits for a second opinion; when no other provider can give one,
 * it is served only if it does not jump far from the last good price (see `trustLoneQuote`).
 */
export class PriceCrossCheck<T> {
  private readonly pending: PendingQuote<T>[] = [];
  private readonly lastGood: number | undefined;

  constructor(
    private readonly references: ReferencePrices,
    private readonly key: string,
    private readonly maxDeviationPercent: number,
  ) {
    this.lastGood = references.lastGood(key);
  }

  judge(quote: PendingQuote<T>): CrossCheckVerdict<T> {
    const agreeing = this.pending.filter((other) => !deviates(quote.price, other.price, this.maxDeviationPercent));
    const reference = this.references.referenceFor(this.key, quote.providerId);
    const nearReference = reference !== undefined && !deviates(quote.price, reference, this.maxDeviationPercent);
    if (agreeing.length === 0 && !nearReference) {
      this.pending.push(quote);
      return { trusted: false, corroborated: [], contradicted: [] };
    }
    const contradicted = this.pending.filter((other) => !agreeing.includes(other));
    this.pending.length = 0;
    return { trusted: true, corroborated: agreeing, contradicted };
  }

  /**
   * True when `providerId`'s quote, whatever it is, will wait for a second opinion: nothing is
   * pending and there is no recent reference to judge it against. The router then asks the next
   * provider at the same time rather than after the first answer.
   */
  needsSecondOpinion(providerId: string): boolean {
    return this.pending.length === 0 && this.references.referenceFor(this.key, providerId) === undefined;
  }

  /** A trusted price arrived another way (a cache hit): the pending quotes it contradicts. */
  settleWith(price: number): PendingQuote<T>[] {
    const contradicted = this.pending.filter((quote) => deviates(quote.price, price, this.maxDeviationPercent));
    this.pending.length = 0;
    return contradicted;
  }

  /**
   * When the request runs out of providers with exactly one quote pending, that quote is served
   * rather than nothing if no price was ever accepted for the key, or if it is near the last good
   * price however old: a jump far from the last good price needs a second provider to agree.
   */
  trustLoneQuote(): PendingQuote<T> | undefined {
    const [lone] = this.pending;
    if (this.pending.length !== 1 || lone === undefined) return undefined;
    return this.lastGood === undefined || !deviates(lone.price, this.lastGood, this.maxDeviationPercent) ? lone : undefined;
  }

  /** Quotes still pending (rejected when the request ends). */
  untrusted(): PendingQuote<T>[] {
    return [...this.pending];
  }
}
