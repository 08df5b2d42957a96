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
 * reference at all (a symbol's first request) a quote also waits for a second opinion, unless no
 * other provider can give one (see `trustLoneQuote`). Each quote is judged against the reference of
 * its own market (`BTC/USDT` apart from `BTC/USD`; `marketOf` tells which market a provider's quote
 * is in); within one request, quotes of the markets the request accepts (a USDT market standing for
 * USD, as `markets.usdFrom` allows) may corroborate one another, the policy holding them equal.
 */
export class PriceCrossCheck<T> {
  private readonly pending: PendingQuote<T>[] = [];
  private readonly hadReference: boolean;

  constructor(
    private readonly references: ReferencePrices,
    private readonly marketOf: (providerId: string) => string,
    markets: readonly string[],
    private readonly maxDeviationPercent: number,
  ) {
    this.hadReference = markets.some((market) => references.referenceFor(market, '') !== undefined);
  }

  judge(quote: PendingQuote<T>): CrossCheckVerdict<T> {
    const agreeing = this.pending.filter((other) => !deviates(quote.price, other.price, this.maxDeviationPercent));
    const reference = this.references.referenceFor(this.marketOf(quote.providerId), quote.providerId);
    const nearReference = reference !== undefined && !deviates(quote.price, reference, this.maxDeviationPercent);
    if (agreeing.length === 0 && !nearReference) {
      this.pending.push(quote);
      return { trusted: false, corroborated: [], contradicted: [] };
    }
    const contradicted = this.pending.filter((other) => !agreeing.includes(other));
    this.pending.length = 0;
    return { trusted: true, corroborated: agreeing, contradicted };
  }

  /** A trusted price arrived another way (a cache hit): the pending quotes it contradicts. */
  settleWith(price: number): PendingQuote<T>[] {
    const contradicted = this.pending.filter((quote) => deviates(quote.price, price, this.maxDeviationPercent));
    this.pending.length = 0;
    return contradicted;
  }

  /**
   * When the request runs out of providers with exactly one quote pending and no reference ever
   * existed, that quote passed every check there is: it is served rather than nothing.
   */
  trustLoneQuote(): PendingQuote<T> | undefined {
    return !this.hadReference && this.pending.length === 1 ? this.pending[0] : undefined;
  }

  /** Quotes still pending (rejected when the request ends). */
  untrusted(): PendingQuote<T>[] {
    return [...this.pending];
  }
}
