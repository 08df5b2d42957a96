import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import { median } from './median.js';
import { deviates } from './price-deviation.js';
import type { ReferencePrices } from './reference-prices.js';
import { RouterConfig } from './router-config.js';

interface Quote {
  price: number;
  at: number;
}

/** Keys tracked at most; the least recently quoted is forgotten first. */
const MAX_KEYS = 5_000;

/**
 * The default ReferencePrices, for one process: recent accepted prices per key and provider, and
 * the last price accepted. The reference a new quote is judged against is the median of the
 * *other* providers' recent quotes, or else the last good price; quotes older than
 * `referenceMaxAgeMs` no longer count, nor do quotes an accepted price contradicts.
 */
@injectable()
export class InMemoryReferencePrices implements ReferencePrices {
  private readonly quotes = new Map<string, Map<string, Quote>>();
  private readonly lastGoodQuotes = new Map<string, Quote>();
  /**
   * `referenceFor` answers already worked out, by key and provider: each holds while no price is
   * accepted (any accept bumps `accepted`) and until the oldest quote it used ages out. A cached
   * answer is checked against the reference on every request that serves it.
   */
  private readonly references = new Map<string, { accepted: number; validThrough: number; price: number | undefined }>();
  private accepted = 0;

  constructor(
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  accept(key: string, providerId: string, price: number): void {
    this.accepted += 1;
    const quote = { price, at: this.clock.now() };
    const bySource = this.quotes.get(key) ?? new Map<string, Quote>();
    for (const [id, other] of bySource) if (id !== providerId && deviates(other.price, price, this.config.maxDeviationPercent)) bySource.delete(id);
    bySource.set(providerId, quote);
    this.quotes.delete(key);
    this.quotes.set(key, bySource);
    this.lastGoodQuotes.delete(key);
    this.lastGoodQuotes.set(key, quote);
    if (this.quotes.size > MAX_KEYS) this.quotes.delete(this.quotes.keys().next().value!);
    if (this.lastGoodQuotes.size > MAX_KEYS) this.lastGoodQuotes.delete(this.lastGoodQuotes.keys().next().value!);
  }

  referenceFor(key: string, providerId: string): number | undefined {
    const now = this.clock.now();
    const memoKey = `${key}\u0000${providerId}`;
    const known = this.references.get(memoKey);
    if (known !== undefined && known.accepted === this.accepted && now <= known.validThrough) return known.price;
    const since = now - this.config.referenceMaxAgeMs;
    const others: number[] = [];
    let oldest = Number.POSITIVE_INFINITY;
    for (const [id, quote] of this.quotes.get(key) ?? []) {
      if (id === providerId || quote.at < since) continue;
      others.push(quote.price);
      oldest = Math.min(oldest, quote.at);
    }
    const last = this.lastGoodQuotes.get(key);
    const fallback = others.length === 0 && last !== undefined && last.at >= since ? last : undefined;
    const price = others.length > 0 ? median(others) : fallback?.price;
    const used = others.length > 0 ? oldest : (fallback?.at ?? Number.POSITIVE_INFINITY);
    // A quote too old now stays too old: only the ones used can age out of the answer.
    this.references.delete(memoKey);
    this.references.set(memoKey, { accepted: this.accepted, validThrough: used + this.config.referenceMaxAgeMs, price });
    if (this.references.size > MAX_KEYS) this.references.delete(this.references.keys().next().value!);
    return price;
  }

  lastGood(key: string): number | undefined {
    return this.lastGoodQuotes.get(key)?.price;
  }
}
