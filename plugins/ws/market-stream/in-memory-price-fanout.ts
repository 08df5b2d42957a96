import { injectable } from 'inversify';
import type { PriceFanout } from './price-fanout.js';
import type { PriceUpdate } from './price-update.js';

type Handler = (update: PriceUpdate) => void;

/** The single-process PriceFanout: handlers by symbol, called synchronously on publish. */
@injectable()
export class InMemoryPriceFanout implements PriceFanout {
  private readonly handlers = new Map<string, Set<Handler>>();

  publish(symbol: string, update: PriceUpdate): Promise<void> {
    for (const handler of this.handlers.get(symbol) ?? []) handler(update);
    return Promise.resolve();
  }

  subscribe(symbol: string, handler: Handler): () => void {
    const handlers = this.handlers.get(symbol) ?? new Set<Handler>();
    handlers.add(handler);
    this.handlers.set(symbol, handlers);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.handlers.get(symbol) === handlers) this.handlers.delete(symbol);
    };
  }

  /** Symbols with at least one handler (tests check nothing is left behind). */
  get symbols(): number {
    return this.handlers.size;
  }
}
