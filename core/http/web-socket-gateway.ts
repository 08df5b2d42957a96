import { inject, injectable, multiInject, optional } from 'inversify';
import websockify from 'koa-websocket';
import type { WebSocketServer } from 'ws';
import { AppConfig } from '../config/app-config.js';
import type { LifecycleContribution, ServerHost } from '../kernel/lifecycle-contribution.js';
import { Logger } from '../logging/logger.js';
import type { HttpHost } from './http-host.js';
import { webSocketOriginAllowed } from './web-socket-origin.js';
import { WebSocketRouteContribution } from './web-socket-route-contribution.js';
import type { WebSocketContext, WebSocketHandler } from './web-socket-routes.js';

/** Close codes of RFC 6455 §7.4.1 the gateway itself uses. */
const GOING_AWAY = 1001;
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;

/**
 * Collects the WebSocketRouteContribution extension point and serves it with koa-websocket on the
 * HTTP server: upgrades to a registered path reach its handler, any other path is refused with 404
 * before the handshake completes. A browser page from an origin that is neither the gateway's own
 * nor on `server.corsOrigins` is closed at once with 1008, before its handler sees it; a handler
 * that throws is a bug, logged, and its socket closed with 1011. No frame may exceed
 * `server.maxBodyBytes` (ws closes with 1009); routes set tighter limits of their own. On shutdown
 * every socket is closed with 1001.
 */
@injectable()
export class WebSocketGateway implements LifecycleContribution {
  private host: HttpHost | undefined;
  private server: WebSocketServer | undefined;

  constructor(
    @inject(AppConfig) private readonly config: AppConfig,
    @inject(Logger) private readonly logger: Logger,
    @multiInject(WebSocketRouteContribution) @optional() private readonly contributions: WebSocketRouteContribution[] = [],
  ) {}

  configure(host: HttpHost): void {
    this.host = host;
    for (const contribution of this.contributions) contribution.registerWebSocketRoutes(host.webSockets);
  }

  onStart({ server }: ServerHost): void {
    const host = this.host;
    if (host === undefined || host.webSockets.paths().length === 0) return;
    const routes = host.webSockets;
    const app = websockify(host.app);
    app.ws.use(async (ctx) => {
      const handler = routes.handlerFor(ctx.path);
      if (handler !== undefined && this.originAllowed(ctx)) await this.serve(handler, ctx);
    });
    // koa-websocket's listen() returns nothing, whatever its types say: the server is `app.ws.server`.
    app.ws.listen({
      server,
      maxPayload: this.config.server.maxBodyBytes,
      verifyClient: ({ req }, accept) => {
        const known = routes.handlerFor(new URL(req.url ?? '/', 'http://localhost').pathname) !== undefined;
        if (known) accept(true);
        else accept(false, 404, 'No WebSocket route here');
      },
    });
    this.server = app.ws.server;
  }

  onStop(): void {
    if (this.server === undefined) return;
    for (const client of this.server.clients) client.close(GOING_AWAY, 'server shutting down');
    this.server.close();
  }

  private originAllowed(ctx: WebSocketContext): boolean {
    const origin = ctx.get('Origin') || undefined;
    if (webSocketOriginAllowed(origin, ctx.get('Host') || undefined, this.config.server.corsOrigins)) return true;
    this.logger.warn({ path: ctx.path, origin }, 'WebSocket refused: origin not allowed');
    ctx.websocket.close(POLICY_VIOLATION, 'origin not allowed');
    return false;
  }

  private async serve(handler: WebSocketHandler, ctx: WebSocketContext): Promise<void> {
    try {
      await handler(ctx);
    } catch (error) {
      this.logger.error({ err: error, path: ctx.path }, 'WebSocket handler failed');
      ctx.websocket.close(INTERNAL_ERROR, 'internal error');
    }
  }
}
