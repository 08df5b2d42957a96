import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import { median } from './median.js';
import type { ReferencePrices } from './reference-prices.js';
import { RouterConfig } from './router-config.js';

interface Quote {
  price: number;
  at: number;
}

/** Symbols tracked at most; the least recently quoted is forgotten first. */
const MAX_SYMBOLS = 5_000;

/**
 * The default ReferencePrices, for one process: recent accepted prices per symbol and provider,
 * and the last price served. The reference a new quote is judged against is the median of the
 * *other* providers' recent quotes, or else the last good price; quotes older than
 * `referenceMaxAgeMs` no longer count.
 */
@injectable()
export class InMemoryReferencePrices implements ReferencePrices {
  private readonly quotes = new Map<string, Map<string, Quote>>();
  private readonly lastGood = new Map<string, Quote>();

  constructor(
    @inject(RouterConfig) private readonly config: RouterConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  accept(symbol: string, providerId: string, price: number): void {
    const quote = { price, at: this.clock.now() };
    const bySource = this.quotes.get(symbol) ?? new Map<string, Quote>();
    bySource.set(providerId, quote);
    this.quotes.delete(symbol);
    this.quotes.set(symbol, bySource);
    this.lastGood.delete(symbol);
    this.lastGood.set(symbol, quote);
    if (this.quotes.size > MAX_SYMBOLS) this.quotes.delete(this.quotes.keys().next().value!);
    if (this.lastGood.size > MAX_SYMBOLS) this.lastGood.delete(this.lastGood.keys().next().value!);
  }

  referenceFor(symbol: string, providerId: string): number | undefined {
    const since = this.clock.now() - this.config.referenceMaxAgeMs;
    const others = [...(this.quotes.get(symbol) ?? new Map<string, Quote>())]
      .filter(([id, quote]) => id !== providerId && quote.at >= since)
      .map(([, quote]) => quote.price);
    if (others.length > 0) return median(others);
    const last = this.lastGood.get(symbol);
    return last !== undefined && last.at >= since ? last.price : undefined;
  }
}
