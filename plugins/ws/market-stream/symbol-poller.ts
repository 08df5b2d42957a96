import type { MarketRouter } from '../../../core/index.js';
import type { PollerLease } from './poller-lease.js';
import type { PriceFanout } from './price-fanout.js';
import type { PriceUpdate } from './price-update.js';

/** A lease outlives this many poll intervals, so one slow poll does not hand it to another replica. */
const LEASE_INTERVALS = 3;

/** What a SymbolPoller reports beside the prices it publishes. */
export interface PollObserver {
  /** A poll went through the router; its price is being published. */
  succeeded(symbol: string): void;
  /** A poll, or the lease around it, failed. */
  failed(symbol: string, error: unknown): void;
}

/** What a SymbolPoller needs. */
export interface SymbolPollerDeps {
  router: MarketRouter;
  lease: PollerLease;
  fanout: PriceFanout;
  intervalMs: number;
  observer: PollObserver;
}

/**
 * The one poller of one symbol: at once, then every `intervalMs` (measured from the start of the
 * previous poll; polls never overlap), it asks the router for the price, as REST does (weighted
 * rotation, cache, failover), and publishes it on the fanout, but only while this replica holds
 * the symbol's PollerLease. `stop` clears its timer and releases the lease.
 */
export class SymbolPoller {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private leased = false;

  constructor(
    readonly symbol: string,
    private readonly deps: SymbolPollerDeps,
  ) {}

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.leased) void this.deps.lease.release(this.symbol).catch((error: unknown) => this.deps.observer.failed(this.symbol, error));
    this.leased = false;
  }

  private async tick(): Promise<void> {
    const started = performance.now();
    try {
      const ttlMs = this.deps.intervalMs * LEASE_INTERVALS;
      this.leased = this.leased ? await this.deps.lease.renew(this.symbol, ttlMs) : await this.deps.lease.acquire(this.symbol, ttlMs);
      if (this.leased && !this.stopped) await this.poll();
    } catch (error) {
      if (!this.stopped) this.deps.observer.failed(this.symbol, error);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, this.deps.intervalMs - (performance.now() - started)));
  }

  private async poll(): Promise<void> {
    const answer = await this.deps.router.route('price', { symbol: this.symbol });
    this.deps.observer.succeeded(this.symbol);
    if (this.stopped) return;
    const update: PriceUpdate = { symbol: answer.data.symbol, price: answer.data.price, source: answer.source, timestamp: answer.data.timestamp, cached: answer.cached, ...(answer.stale ? { stale: true as const } : {}) };
    await this.deps.fanout.publish(this.symbol, update);
  }
}
