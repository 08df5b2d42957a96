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

  constructor(
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  accept(key: string, providerId: string, price: number): void {
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
    const since = this.clock.now() - this.config.referenceMaxAgeMs;
    const others: number[] = [];
    for (const [id, quote] of this.quotes.get(key) ?? []) if (id !== providerId && quote.at >= since) others.push(quote.price);
    if (others.length > 0) return median(others);
    const last = this.lastGoodQuotes.get(key);
    return last !== undefined && last.at >= since ? last.price : undefined;
  }

  lastGood(key: string): number | undefined {
    return this.lastGoodQuotes.get(key)?.price;
  }
}
