import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { Logger } from '../logging/logger.js';
import { clientErrorRefusal, type ClientError } from './client-error-refusal.js';
import { rawErrorResponse, type Refusal } from './raw-error-response.js';
import { requestIdFrom } from './request-id.js';

/** How long a refused socket may linger (the client reading the answer, or still sending) before it is cut. */
const REFUSED_SOCKET_LINGER_MS = 2_000;

/** CONNECT asks for a tunnel: the gateway is an origin server, not a proxy. */
const CONNECT_REFUSAL: Refusal = { status: 501, code: 'not_implemented', message: 'CONNECT is not supported: this server is not a proxy' };

/**
 * The Node HTTP server around the Koa app. It tracks in-flight requests so a shutdown can stop
 * taking requests, let those in flight finish, then cut whatever is left at the deadline. What
 * Node refuses before Koa (a malformed request line, an unknown method, oversized headers, CONNECT)
 * is answered here with the same JSON error body, a request id and a warn line.
 */
export class HttpServer {
  /** The underlying server; WebSocket plugins attach their upgrade handlers to it. */
  readonly server: Server;
  private readonly inFlight = new Set<ServerResponse>();
  /** Sockets with a response in flight: a parser error there cannot be answered without garbling it. */
  private readonly answering = new WeakMap<Duplex, number>();
  /** Sockets already answered by a refusal: the parser may report more errors on them as the rest arrives. */
  private readonly refused = new WeakSet<Duplex>();
  private draining = false;
  private drained: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  /** `fastLane`, when given, is tried first on each request (true when it answered); Koa answers the rest. */
  constructor(app: Koa, private readonly logger: Logger, fastLane?: (req: IncomingMessage, res: ServerResponse) => boolean) {
    const handle = app.callback();
    this.server = createServer((req, res) => {
      // A request that still reaches us while draining is served, and is its connection's last.
      if (this.draining) res.setHeader('Connection', 'close');
      // A fast lane's answer is written whole before it returns: it is never in flight.
      if (fastLane?.(req, res) === true) return;
      this.track(req.socket, res);
      void handle(req, res);
    });
    this.server.keepAliveTimeout = 5_000;
    this.server.on('clientError', (error: ClientError, socket: Duplex) => this.refuseMalformed(error, socket));
    this.server.on('connect', (req: IncomingMessage, socket: Duplex) => this.refuse(socket, CONNECT_REFUSAL, requestIdFrom(req.headers['x-request-id']), { method: 'CONNECT' }));
  }

  /** Listens on `host:port` (port 0 picks a free one) and resolves with the bound address. */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Requests being served right now. */
  get activeRequests(): number {
    return this.inFlight.size;
  }

  /**
   * Stops taking requests: no new connections, idle keep-alive connections closed at once, and
   * every answer still to go out says `Connection: close`, so a busy connection ends with its
   * request instead of carrying the client's next one. Resolves when the last in-flight request is
   * answered, or at `timeoutMs`, when the remaining connections are cut. Upgraded (WebSocket)
   * sockets are left to their owners.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.closing !== undefined) return;
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const finished = this.inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.drained = resolve));
    const timedOut = await Promise.race([finished.then(() => false), delay(timeoutMs).then(() => true)]);
    if (timedOut) {
      this.logger.warn({ activeRequests: this.inFlight.size }, 'Shutdown deadline reached; closing remaining connections');
      this.server.closeAllConnections();
    } else {
      // An answer whose headers had gone out before the drain kept its connection alive: idle now.
      this.server.closeIdleConnections();
    }
  }

  /** Resolves once every socket, upgraded ones included, has closed (or after `timeoutMs`). */
  async closed(timeoutMs: number): Promise<void> {
    if (this.closing === undefined) return;
    await Promise.race([this.closing, delay(timeoutMs)]);
  }

  private track(socket: Duplex, res: ServerResponse): void {
    this.inFlight.add(res);
    this.answering.set(socket, (this.answering.get(socket) ?? 0) + 1);
    res.once('close', () => {
      this.answering.set(socket, this.answering.get(socket)! - 1);
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.drained?.();
    });
  }

  private refuseMalformed(error: ClientError, socket: Duplex): void {
    if (this.refused.has(socket)) return;
    const refusal = clientErrorRefusal(error);
    if (refusal === undefined || !socket.writable || (this.answering.get(socket) ?? 0) > 0) {
      socket.destroy();
      return;
    }
    this.refuse(socket, refusal, requestIdFrom(undefined), { reason: error.code });
  }

  /** Answers on the raw socket and closes it; the refusal is expected (a client's mistake or a probe), so warn without a stack. */
  private refuse(socket: Duplex, refusal: Refusal, requestId: string, detail: Record<string, unknown>): void {
    this.refused.add(socket);
    this.logger.warn({ requestId, status: refusal.status, code: refusal.code, ...detail }, 'Request refused');
    socket.end(rawErrorResponse(refusal, requestId));
    // Closing at once could reset the connection before the client reads the answer (it may still be sending).
    const linger = setTimeout(() => socket.destroy(), REFUSED_SOCKET_LINGER_MS).unref();
    socket.once('close', () => clearTimeout(linger));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
