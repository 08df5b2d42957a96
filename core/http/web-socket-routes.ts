import type { MiddlewareContext } from 'koa-websocket';

/** The Koa context of one WebSocket connection (koa-websocket): `ctx.websocket`, `ctx.path`, `ctx.request`. */
export type WebSocketContext = MiddlewareContext<Record<string, unknown>>;

/** Serves one accepted WebSocket connection. */
export type WebSocketHandler = (ctx: WebSocketContext) => void | Promise<void>;

/**
 * The WebSocket route table: one handler per path. An upgrade to a path nobody registered is
 * refused at once with 404 (koa-websocket alone would accept it and leave the socket hanging).
 */
export class WebSocketRoutes {
  private readonly routes = new Map<string, WebSocketHandler>();

  /** Registers the handler of `path` (exact match, e.g. `/ws/market`); a path registered twice is a bug. */
  add(path: string, handler: WebSocketHandler): void {
    if (this.routes.has(path)) throw new Error(`WebSocket route ${path} is registered twice`);
    this.routes.set(path, handler);
  }

  /** The handler of `path`, if any. */
  handlerFor(path: string): WebSocketHandler | undefined {
    return this.routes.get(path);
  }

  /** Every registered path. */
  paths(): string[] {
    return [...this.routes.keys()];
  }
}
