import { WebSocket, type ClientOptions } from 'ws';

/** A decoded server frame. */
export type Frame = Record<string, unknown> & { type: string };

/** How a socket ended. */
export interface Closed {
  code: number;
  reason: string;
}

/**
 * A real `ws` client that queues every frame it receives, so a test can wait for the next one
 * matching what it expects, and records how the socket closed.
 */
export class WsTestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<Closed>;
  private readonly waiters = new Set<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }>();
  private seen = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      this.frames.push(frame);
      for (const waiter of this.waiters) {
        if (waiter.match(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    socket.on('error', () => undefined);
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static connect(url: string, options: ClientOptions = {}): Promise<WsTestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, ...options });
      socket.once('open', () => resolve(new WsTestClient(socket)));
      socket.once('unexpected-response', (request, response) => {
        reject(new Error(`upgrade refused with ${response.statusCode}`));
        request.destroy();
      });
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next frame after those already taken that matches (by default any), waiting up to `timeoutMs`. */
  next(match: (frame: Frame) => boolean = () => true, timeoutMs = 10_000): Promise<Frame> {
    const queued = this.frames.slice(this.seen).findIndex(match);
    if (queued >= 0) {
      const frame = this.frames[this.seen + queued]!;
      this.seen += queued + 1;
      return Promise.resolve(frame);
    }
    this.seen = this.frames.length;
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (frame: Frame) => {
          clearTimeout(timer);
          this.seen = this.frames.length;
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The next frame of `type`. */
  nextOfType(type: string, timeoutMs?: number): Promise<Frame> {
    return this.next((frame) => frame.type === type, timeoutMs);
  }

  close(): Promise<Closed> {
    this.socket.close();
    return this.closed;
  }
}
