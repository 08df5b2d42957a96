import { inject, injectable } from 'inversify';
import { z } from 'zod';
import type { PriceFanout, PriceUpdate } from '../../ws/market-stream/index.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { RedisConnection } from './redis-connection.js';
import { safeJson } from './safe-json.js';

type Handler = (update: PriceUpdate) => void;

/** A price as it travels between replicas; anything else on the channel is ignored. */
const PriceMessageSchema = z.strictObject({
  symbol: z.string().min(1).max(32),
  price: z.number().positive(),
  source: z.string(),
  timestamp: z.number(),
  cached: z.boolean(),
  stale: z.literal(true).optional(),
});

/**
 * Prices fanned out to every replica's subscribers over Redis pub/sub (one `prices` channel): the
 * replica holding a symbol's lease publishes what it polls, and every replica, itself included,
 * hands the message to its local handlers. While Redis is unreachable, or when publishing fails,
 * the update goes to the local handlers directly, so this replica's subscribers are still fed.
 */
@injectable()
export class RedisPriceFanout implements PriceFanout {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly channel: string;

  constructor(
    @inject(RedisConnection) private readonly connection: RedisConnection,
    @inject(ClusterMetrics) private readonly metrics: ClusterMetrics,
  ) {
    this.channel = connection.key('prices');
    connection.onMessage(this.channel, (message) => this.onMessage(message));
  }

  async publish(symbol: string, update: PriceUpdate): Promise<void> {
    if (!this.connection.connected) {
      this.deliver(symbol, update);
      return;
    }
    try {
      await this.connection.client.publish(this.channel, JSON.stringify(update));
    } catch {
      this.metrics.redisError('price_publish');
      this.deliver(symbol, update);
    }
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

  private onMessage(message: string): void {
    const parsed = PriceMessageSchema.safeParse(safeJson(message));
    if (parsed.success) this.deliver(parsed.data.symbol, parsed.data);
  }

  private deliver(symbol: string, update: PriceUpdate): void {
    for (const handler of this.handlers.get(symbol) ?? []) handler(update);
  }
}
