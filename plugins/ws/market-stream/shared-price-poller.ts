import type { BatchRoutedAnswer, MarketRouter } from '../../../core/index.js';
import type { PollerLease } from './poller-lease.js';
import type { PriceFanout } from './price-fanout.js';
import type { PriceUpdate } from './price-update.js';

/** A lease outlives this many poll intervals, so one slow round does not hand it to another replica. */
const LEASE_INTERVALS = 3;

/** What the SharedPricePoller reports beside the prices it publishes. */
export interface PollObserver {
  /** A symbol's poll went through the router; its price is being published. */
  succeeded(symbol: string): void;
  /** A symbol's poll, or the lease around it, failed. */
  failed(symbol: string, error: unknown): void;
}

/** What a SharedPricePoller needs. */
export interface SharedPricePollerDeps {
  router: MarketRouter;
  lease: PollerLease;
  fanout: PriceFanout;
  intervalMs: number;
  observer: PollObserver;
}

/**
 * The one price poller of this replica, for every subscribed symbol together: each round asks the
 * router for the prices of all the symbols whose PollerLease this replica holds in one `routeMany`
 * call (the batched path `/prices` takes, so each provider gets one batch call for all of them, as
 * REST does: weighted rotation, cache, failover), and publishes each on the fanout. A round runs at
 * once when a symbol is added (right after the running one, if any), then every `intervalMs`
 * measured from the start of the previous one; rounds never overlap. `remove` releases a symbol's
 * lease; `stop` clears the timer and releases them all.
 */
export class SharedPricePoller {
  private readonly symbols = new Set<string>();
  private readonly leased = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: SharedPricePollerDeps) {}

  add(symbol: string): void {
    this.symbols.add(symbol);
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  remove(symbol: string): void {
    this.symbols.delete(symbol);
    this.release(symbol);
    if (this.symbols.size === 0) this.clearTimer();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    for (const symbol of [...this.leased]) this.release(symbol);
    this.symbols.clear();
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => void this.round(), delayMs);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async round(): Promise<void> {
    this.timer = undefined;
    const started = performance.now();
    this.running = true;
    await this.poll();
    this.running = false;
    if (this.stopped || this.symbols.size === 0) return;
    const now = this.again;
    this.again = false;
    this.schedule(now ? 0 : Math.max(0, this.deps.intervalMs - (performance.now() - started)));
  }

  private async poll(): Promise<void> {
    const held = await this.leases();
    if (held.length === 0) return;
    let results: BatchRoutedAnswer<'price'>[];
    try {
      results = await this.deps.router.routeMany('price', held);
    } catch (error) {
      for (const symbol of held) this.failed(symbol, error);
      return;
    }
    await Promise.all(results.map((result) => this.publish(result)));
  }

  /** The symbols this replica holds (acquires or renews) the lease of for this round. */
  private async leases(): Promise<string[]> {
    const ttlMs = this.deps.intervalMs * LEASE_INTERVALS;
    const symbols = [...this.symbols];
    const held = await Promise.all(
      symbols.map(async (symbol) => {
        try {
          const holds = this.leased.has(symbol) ? await this.deps.lease.renew(symbol, ttlMs) : await this.deps.lease.acquire(symbol, ttlMs);
          if (holds && this.symbols.has(symbol)) this.leased.add(symbol);
          else if (holds) void this.deps.lease.release(symbol).catch(() => undefined);
          else this.leased.delete(symbol);
          return holds;
        } catch (error) {
          this.failed(symbol, error);
          return false;
        }
      }),
    );
    return symbols.filter((symbol, index) => held[index] === true && this.symbols.has(symbol));
  }

  private async publish(result: BatchRoutedAnswer<'price'>): Promise<void> {
    const { symbol } = result;
    if ('error' in result) {
      this.failed(symbol, result.error);
      return;
    }
    // A poll that was in flight when its last subscriber left still counts: its upstream call was made.
    this.deps.observer.succeeded(symbol);
    if (this.stopped || !this.symbols.has(symbol)) return;
    const { answer } = result;
    const update: PriceUpdate = { symbol: answer.data.symbol, price: answer.data.price, source: answer.source, timestamp: answer.data.timestamp, cached: answer.cached, ...(answer.stale ? { stale: true as const } : {}) };
    try {
      await this.deps.fanout.publish(symbol, update);
    } catch (error) {
      this.failed(symbol, error);
    }
  }

  private release(symbol: string): void {
    if (!this.leased.delete(symbol)) return;
    void this.deps.lease.release(symbol).catch((error: unknown) => this.deps.observer.failed(symbol, error));
  }

  private failed(symbol: string, error: unknown): void {
    if (!this.stopped && this.symbols.has(symbol)) this.deps.observer.failed(symbol, error);
  }
}
