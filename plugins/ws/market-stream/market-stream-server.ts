import { inject, injectable } from 'inversify';
import type { WebSocket } from 'ws';
import { Clock, type LifecycleContribution, Logger, type WebSocketRouteContribution, type WebSocketRoutes } from '../../../core/index.js';
import { CloseCode } from './close-reason.js';
import { MarketStreamConfig } from './market-stream-config.js';
import { MarketStreamMetrics } from './market-stream-metrics.js';
import { PriceSubscriptions } from './price-subscriptions.js';
import { StatusChannel } from './status-channel.js';
import { StreamSession } from './stream-session.js';
import { StreamSocket } from './stream-socket.js';

/** The stream's path. */
export const MARKET_STREAM_PATH = '/ws/market';

/**
 * `WS /ws/market`: accepts sockets up to `maxConnections` (one more is closed with 1013), runs
 * each one's StreamSession, pings every socket each `heartbeatIntervalMs` and cuts those that did
 * not answer the previous ping, and on shutdown closes every socket with 1001 and stops every
 * poller and timer. A bug in a message handler closes that socket with 1011, never the process.
 */
@injectable()
export class MarketStreamServer implements WebSocketRouteContribution, LifecycleContribution {
  private readonly sessions = new Set<StreamSession>();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly logger: Logger;

  constructor(
    @inject(MarketStreamConfig) private readonly config: MarketStreamConfig,
    @inject(PriceSubscriptions) private readonly prices: PriceSubscriptions,
    @inject(StatusChannel) private readonly status: StatusChannel,
    @inject(MarketStreamMetrics) private readonly metrics: MarketStreamMetrics,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) logger: Logger,
  ) {
    this.logger = logger.child({ plugin: 'market-stream' });
  }

  /** Open sockets. */
  get connections(): number {
    return this.sessions.size;
  }

  registerWebSocketRoutes(routes: WebSocketRoutes): void {
    routes.add(MARKET_STREAM_PATH, (ctx) => this.accept(ctx.websocket));
  }

  onStart(): void {
    this.heartbeat = setInterval(() => this.beat(), this.config.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  onStop(): void {
    this.stopping = true;
    clearInterval(this.heartbeat);
    for (const session of this.sessions) {
      session.socket.close(CloseCode.goingAway, 'server shutting down', 'shutdown');
      session.dispose();
    }
    this.prices.clear();
    this.status.clear();
  }

  private accept(ws: WebSocket): void {
    if (this.stopping) {
      ws.close(CloseCode.goingAway, 'server shutting down');
      this.metrics.disconnected('shutdown');
      return;
    }
    if (this.sessions.size >= this.config.maxConnections) {
      this.logger.warn({ limit: this.config.maxConnections }, 'WebSocket refused: too many connections');
      ws.close(CloseCode.tryAgainLater, `too many connections (at most ${this.config.maxConnections}): try again later`);
      this.metrics.disconnected('too_many_connections');
      return;
    }
    const socket = new StreamSocket(ws, this.config, this.clock);
    const session = new StreamSession(socket, { prices: this.prices, status: this.status, config: this.config, metrics: this.metrics, clock: this.clock });
    this.sessions.add(session);
    this.metrics.connections.inc();
    ws.on('message', (data, isBinary) => {
      try {
        session.receive(data, isBinary);
      } catch (error) {
        this.logger.error({ err: error }, 'Stream message handler failed');
        socket.close(CloseCode.internalError, 'internal error', 'internal_error');
      }
    });
    ws.on('pong', () => (socket.alive = true));
    ws.once('close', () => {
      this.sessions.delete(session);
      session.dispose();
      this.metrics.connections.dec();
      this.metrics.disconnected(socket.endReason ?? 'client');
    });
  }

  private beat(): void {
    for (const { socket } of this.sessions) {
      if (!socket.alive) {
        this.logger.debug('Stream socket missed its heartbeat: cut');
        socket.terminate('heartbeat');
      } else if (socket.open) {
        socket.alive = false;
        socket.socket.ping();
      }
    }
  }
}
