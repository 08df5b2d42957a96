import { inject, injectable } from 'inversify';
import type { Counter, Gauge } from 'prom-client';
import { z } from 'zod';
import type { StatusContribution } from '../../../core/index.js';
import { MarketStreamConfig } from './market-stream-config.js';
import { MarketStreamMetrics } from './market-stream-metrics.js';
import { MARKET_STREAM_PATH } from './market-stream-server.js';

const count = z.int().min(0);

/** What the stream adds to the `infrastructure` section. */
export const MarketStreamStatusSchema = z.strictObject({
  websocket_clients: count.meta({ description: 'Open /ws/market sockets' }),
  websocket: z.strictObject({
    path: z.string(),
    price_subscriptions: count.meta({ description: 'One per socket and symbol' }),
    status_subscribers: count,
    pollers: count.meta({ description: 'Symbols the shared price poller polls: one per subscribed symbol, whatever the number of subscribers, all asked together in one batched router call per interval' }),
    poll_interval_ms: count,
    status_interval_ms: count,
    polls: z.strictObject({ success: count, failure: count }),
    messages_received: count,
    messages_sent: count,
    frames_dropped: count.meta({ description: 'Frames not sent to slow consumers (send buffer full)' }),
    disconnections: z.record(z.string(), count).meta({ description: 'Closed sockets by reason: client, heartbeat, rate_limited, frame_too_big, slow_consumer, too_many_connections, shutdown, internal_error' }),
    limits: z.strictObject({
      max_connections: count,
      max_symbols_per_connection: count,
      max_messages_per_second: count,
      max_frame_bytes: count,
      send_buffer_bytes: count,
      heartbeat_interval_ms: count,
    }),
  }),
});

/** The stream's `infrastructure` figures, read from its metrics (the same ones `/metrics` exposes). */
@injectable()
export class MarketStreamStatus implements StatusContribution {
  readonly section = 'infrastructure';
  readonly schema = MarketStreamStatusSchema;

  constructor(
    @inject(MarketStreamMetrics) private readonly metrics: MarketStreamMetrics,
    @inject(MarketStreamConfig) private readonly config: MarketStreamConfig,
  ) {}

  async snapshot(): Promise<z.output<typeof MarketStreamStatusSchema>> {
    const { metrics, config } = this;
    const [clients, subscriptions, pollers, polls, received, sent, dropped, disconnections] = await Promise.all([
      byLabel(metrics.connections),
      byLabel(metrics.subscriptions, 'channel'),
      byLabel(metrics.pollers),
      byLabel(metrics.polls, 'result'),
      byLabel(metrics.received),
      byLabel(metrics.sent),
      byLabel(metrics.dropped),
      byLabel(metrics.disconnections, 'reason'),
    ]);
    return {
      websocket_clients: total(clients),
      websocket: {
        path: MARKET_STREAM_PATH,
        price_subscriptions: subscriptions.price ?? 0,
        status_subscribers: subscriptions.status ?? 0,
        pollers: total(pollers),
        poll_interval_ms: config.pollIntervalMs,
        status_interval_ms: config.statusIntervalMs,
        polls: { success: polls.success ?? 0, failure: polls.failure ?? 0 },
        messages_received: total(received),
        messages_sent: total(sent),
        frames_dropped: total(dropped),
        disconnections,
        limits: {
          max_connections: config.maxConnections,
          max_symbols_per_connection: config.maxSymbolsPerConnection,
          max_messages_per_second: config.maxMessagesPerSecond,
          max_frame_bytes: config.maxFrameBytes,
          send_buffer_bytes: config.sendBufferBytes,
          heartbeat_interval_ms: config.heartbeatIntervalMs,
        },
      },
    };
  }
}

/** A metric's values summed by one label (all under `""` without one). */
async function byLabel(metric: Counter<string> | Gauge<string>, label?: string): Promise<Record<string, number>> {
  const { values } = await metric.get();
  const sums: Record<string, number> = {};
  for (const { labels, value } of values) {
    const key = label === undefined ? '' : String(labels[label] ?? '');
    sums[key] = (sums[key] ?? 0) + value;
  }
  return sums;
}

function total(sums: Record<string, number>): number {
  return Object.values(sums).reduce((sum, value) => sum + value, 0);
}
