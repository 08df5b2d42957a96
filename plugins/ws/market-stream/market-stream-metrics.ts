import { inject, injectable } from 'inversify';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from '../../../core/index.js';
import type { DisconnectReason } from './close-reason.js';

/** What the stream sends, as the `type` label. */
export type SentType = 'price' | 'status' | 'error' | 'ack' | 'pong';
/** What clients send, as the `type` label (`invalid` for anything that is no protocol message). */
export type ReceivedType = 'subscribe' | 'unsubscribe' | 'ping' | 'invalid';

/**
 * The stream's Prometheus metrics; the `infrastructure` status figures are read back from them.
 * Counters of frames sent are bumped once per broadcast by the number of sockets reached, not once
 * per socket.
 */
@injectable()
export class MarketStreamMetrics {
  readonly connections: Gauge;
  readonly disconnections: Counter<'reason'>;
  readonly subscriptions: Gauge<'channel'>;
  readonly pollers: Gauge;
  readonly polls: Counter<'result'>;
  readonly received: Counter<'type'>;
  readonly sent: Counter<'type'>;
  readonly dropped: Counter<'type'>;
  readonly priceBroadcasts: Histogram;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    const registers = [registry];
    this.connections = new Gauge({ name: 'crypto_datasource_ws_connections', help: 'Open /ws/market sockets', registers });
    this.disconnections = new Counter({
      name: 'crypto_datasource_ws_disconnections_total',
      help: 'Closed /ws/market sockets by reason (client, heartbeat, rate_limited, frame_too_big, slow_consumer, too_many_connections, shutdown, internal_error)',
      labelNames: ['reason'],
      registers,
    });
    this.subscriptions = new Gauge({ name: 'crypto_datasource_ws_subscriptions', help: 'Subscriptions held: one per socket and symbol (channel price), one per socket on the status channel', labelNames: ['channel'], registers });
    this.pollers = new Gauge({ name: 'crypto_datasource_ws_pollers', help: 'Symbols the shared price poller polls: one per subscribed symbol, whatever the number of subscribers, all asked together in one batched router call per interval', registers });
    this.polls = new Counter({ name: 'crypto_datasource_ws_polls_total', help: 'Price polls of the shared pollers through the router, by result (success, failure)', labelNames: ['result'], registers });
    this.received = new Counter({ name: 'crypto_datasource_ws_messages_received_total', help: 'Messages received from clients, by type (invalid: not a protocol message)', labelNames: ['type'], registers });
    this.sent = new Counter({ name: 'crypto_datasource_ws_messages_sent_total', help: 'Frames sent to clients, by type', labelNames: ['type'], registers });
    this.priceBroadcasts = new Histogram({
      name: 'crypto_datasource_ws_price_broadcast_duration_seconds',
      help: 'How long sending one price to every subscriber of its symbol took (the send loop; the last subscriber waits this long more than the first)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.dropped = new Counter({ name: 'crypto_datasource_ws_frames_dropped_total', help: 'Frames not sent because the socket\'s send buffer was full (slow consumer), by type', labelNames: ['type'], registers });
  }

  disconnected(reason: DisconnectReason): void {
    this.disconnections.inc({ reason });
  }
}
