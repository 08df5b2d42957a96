import { inject, injectable } from 'inversify';
import { Clock, isAppError, Logger, MarketRouter } from '../../../core/index.js';
import { broadcast, sendTo } from './broadcast.js';
import { MarketStreamConfig } from './market-stream-config.js';
import { MarketStreamMetrics } from './market-stream-metrics.js';
import { PollerLease } from './poller-lease.js';
import { PriceFanout } from './price-fanout.js';
import type { PriceUpdate } from './price-update.js';
import { errorFrame, priceFrame } from './server-messages.js';
import type { StreamSocket } from './stream-socket.js';
import { SharedPricePoller, type PollObserver } from './shared-price-poller.js';

/** Everything about one subscribed symbol on this replica. */
interface SymbolChannel {
  readonly subscribers: Set<StreamSocket>;
  readonly unsubscribe: () => void;
  /** The latest price, sent at once to a new subscriber. */
  last: PriceUpdate | undefined;
  /** True after a failed poll, until a price comes again: subscribers hear of a failure once. */
  failing: boolean;
}

/**
 * The price subscriptions of every socket, by symbol. The first subscriber of a symbol adds it to
 * the replica's one SharedPricePoller (which asks the router for every subscribed symbol in one
 * batched call per interval) and listens to its updates on the PriceFanout; each update is
 * serialized once and sent to every subscriber; a new subscriber gets the latest price at once;
 * the last one to leave takes the symbol off the poller and stops the listener, so nothing is left behind.
 */
@injectable()
export class PriceSubscriptions implements PollObserver {
  private readonly channels = new Map<string, SymbolChannel>();
  private readonly poller: SharedPricePoller;
  private readonly logger: Logger;

  constructor(
    @inject(MarketRouter) private readonly router: MarketRouter,
    @inject(PollerLease) lease: PollerLease,
    @inject(PriceFanout) private readonly fanout: PriceFanout,
    @inject(MarketStreamConfig) config: MarketStreamConfig,
    @inject(MarketStreamMetrics) private readonly metrics: MarketStreamMetrics,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) logger: Logger,
  ) {
    this.logger = logger.child({ plugin: 'market-stream' });
    this.poller = new SharedPricePoller({ router, lease, fanout, intervalMs: config.pollIntervalMs, observer: this });
  }

  /** True when some enabled provider lists `symbol` for prices. */
  knows(symbol: string): boolean {
    return this.router.knowsSymbol('price', symbol);
  }

  /** Symbols with a poller running here. */
  get symbols(): number {
    return this.channels.size;
  }

  add(symbol: string, socket: StreamSocket): void {
    const channel = this.channels.get(symbol) ?? this.open(symbol);
    if (channel.subscribers.has(socket)) return;
    channel.subscribers.add(socket);
    this.metrics.subscriptions.inc({ channel: 'price' });
    if (channel.last !== undefined) sendTo(socket, priceFrame(channel.last, this.clock.now()), 'price', this.metrics);
  }

  remove(symbol: string, socket: StreamSocket): void {
    const channel = this.channels.get(symbol);
    if (channel === undefined || !channel.subscribers.delete(socket)) return;
    this.metrics.subscriptions.dec({ channel: 'price' });
    if (channel.subscribers.size === 0) this.close(symbol, channel);
  }

  /** Stops the poller and every listener (shutdown). */
  clear(): void {
    for (const [symbol, channel] of this.channels) {
      this.metrics.subscriptions.dec({ channel: 'price' }, channel.subscribers.size);
      this.close(symbol, channel);
    }
    this.poller.stop();
  }

  succeeded(): void {
    this.metrics.polls.inc({ result: 'success' });
  }

  failed(symbol: string, error: unknown): void {
    this.metrics.polls.inc({ result: 'failure' });
    const expected = isAppError(error);
    if (expected) this.logger.warn({ symbol, code: error.code, message: error.message }, 'Stream poll found no price');
    else this.logger.error({ symbol, err: error }, 'Stream poll failed');
    const channel = this.channels.get(symbol);
    if (channel === undefined || channel.failing) return;
    channel.failing = true;
    const frame = expected ? errorFrame(error.code, `No price for ${symbol} right now: ${error.message}`, symbol) : errorFrame('internal_error', `No price for ${symbol} right now: internal error`, symbol);
    broadcast(channel.subscribers, frame, 'error', this.metrics);
  }

  private open(symbol: string): SymbolChannel {
    const channel: SymbolChannel = {
      subscribers: new Set(),
      unsubscribe: this.fanout.subscribe(symbol, (update) => this.deliver(channel, update)),
      last: undefined,
      failing: false,
    };
    this.channels.set(symbol, channel);
    this.metrics.pollers.inc();
    this.poller.add(symbol);
    return channel;
  }

  private close(symbol: string, channel: SymbolChannel): void {
    this.poller.remove(symbol);
    channel.unsubscribe();
    this.channels.delete(symbol);
    this.metrics.pollers.dec();
  }

  private deliver(channel: SymbolChannel, update: PriceUpdate): void {
    channel.last = update;
    channel.failing = false;
    const started = performance.now();
    broadcast(channel.subscribers, priceFrame(update, this.clock.now()), 'price', this.metrics);
    this.metrics.priceBroadcasts.observe((performance.now() - started) / 1000);
  }
}
