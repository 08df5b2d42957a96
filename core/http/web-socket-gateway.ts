import { injectable, multiInject, optional } from 'inversify';
import websockify from 'koa-websocket';
import type { WebSocketServer } from 'ws';
import type { LifecycleContribution, ServerHost } from '../kernel/lifecycle-contribution.js';
import type { HttpHost } from './http-host.js';
import { WebSocketRouteContribution } from './web-socket-route-contribution.js';

/** Close code of a server going away (RFC 6455 §7.4.1). */
const GOING_AWAY = 1001;

/**
 * Collects the WebSocketRouteContribution extension point and serves it with koa-websocket on the
 * HTTP server: upgrades to a registered path reach its handler, any other path is refused with 404
 * before the handshake completes. On shutdown every socket is closed with 1001.
 */
@injectable()
export class WebSocketGateway implements LifecycleContribution {
  private host: HttpHost | undefined;
  private server: WebSocketServer | undefined;

  constructor(@multiInject(WebSocketRouteContribution) @optional() private readonly contributions: WebSocketRouteContribution[] = []) {}

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
      await routes.handlerFor(ctx.path)?.(ctx);
    });
    // koa-websocket's listen() returns nothing, whatever its types say: the server is `app.ws.server`.
    app.ws.listen({
      server,
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
}
