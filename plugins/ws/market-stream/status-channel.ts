import { inject, injectable } from 'inversify';
import { Logger, SystemStatus } from '../../../core/index.js';
import { broadcast, sendTo } from './broadcast.js';
import { MarketStreamConfig } from './market-stream-config.js';
import { MarketStreamMetrics } from './market-stream-metrics.js';
import { statusFrame } from './server-messages.js';
import type { StreamSocket } from './stream-socket.js';

/**
 * The `status` channel: `{"type":"status","status":...}` with exactly what `GET
 * /api/system/status` answers, to a new subscriber at once and to every subscriber each
 * `statusIntervalMs`, read and serialized once per push. Its timer runs only while someone listens.
 */
@injectable()
export class StatusChannel {
  private readonly subscribers = new Set<StreamSocket>();
  private timer: NodeJS.Timeout | undefined;
  private readonly logger: Logger;

  constructor(
    @inject(SystemStatus) private readonly status: SystemStatus,
    @inject(MarketStreamConfig) private readonly config: MarketStreamConfig,
    @inject(MarketStreamMetrics) private readonly metrics: MarketStreamMetrics,
    @inject(Logger) logger: Logger,
  ) {
    this.logger = logger.child({ plugin: 'market-stream' });
  }

  get size(): number {
    return this.subscribers.size;
  }

  add(socket: StreamSocket): void {
    if (this.subscribers.has(socket)) return;
    this.subscribers.add(socket);
    this.metrics.subscriptions.inc({ channel: 'status' });
    if (this.timer === undefined) this.timer = setInterval(() => void this.push(), this.config.statusIntervalMs);
    void this.push(socket);
  }

  remove(socket: StreamSocket): void {
    if (!this.subscribers.delete(socket)) return;
    this.metrics.subscriptions.dec({ channel: 'status' });
    if (this.subscribers.size === 0) this.stop();
  }

  /** Drops every subscriber and stops the timer (shutdown). */
  clear(): void {
    this.metrics.subscriptions.dec({ channel: 'status' }, this.subscribers.size);
    this.subscribers.clear();
    this.stop();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Pushes the status to every subscriber, or to `only` that one (a new subscriber) if it is still there. */
  private async push(only?: StreamSocket): Promise<void> {
    try {
      const text = statusFrame(await this.status.snapshot());
      if (only === undefined) broadcast(this.subscribers, text, 'status', this.metrics);
      else if (this.subscribers.has(only)) sendTo(only, text, 'status', this.metrics);
    } catch (error) {
      this.logger.error({ err: error }, 'Status push failed');
    }
  }
}
