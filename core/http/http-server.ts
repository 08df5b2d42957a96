import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Logger } from '../logging/logger.js';

/**
 * The Node HTTP server around the Koa app. It counts in-flight requests so a shutdown can stop
 * accepting connections, let those requests finish, then cut whatever is left at the deadline.
 */
export class HttpServer {
  /** The underlying server; WebSocket plugins attach their upgrade handlers to it. */
  readonly server: Server;
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  constructor(app: Koa, private readonly logger: Logger) {
    const handle = app.callback();
    this.server = createServer((req, res) => {
      this.inFlight++;
      res.once('close', () => {
        this.inFlight--;
        if (this.inFlight === 0) this.drained?.();
      });
      void handle(req, res);
    });
    this.server.keepAliveTimeout = 5_000;
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
    return this.inFlight;
  }

  /**
   * Stops accepting connections, waits (up to `timeoutMs`) for in-flight requests to finish, then
   * closes the remaining HTTP connections. Upgraded (WebSocket) sockets are left to their owners.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.closing !== undefined) return;
    this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const finished =
      this.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.drained = resolve));
    const timedOut = await Promise.race([finished.then(() => false), delay(timeoutMs).then(() => true)]);
    if (timedOut) this.logger.warn({ activeRequests: this.inFlight }, 'Shutdown deadline reached; closing remaining connections');
    this.server.closeAllConnections();
  }

  /** Resolves once every socket, upgraded ones included, has closed (or after `timeoutMs`). */
  async closed(timeoutMs: number): Promise<void> {
    if (this.closing === undefined) return;
    await Promise.race([this.closing, delay(timeoutMs)]);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
