import type { WebSocketRoutes } from './web-socket-routes.js';

/** A plugin's WebSocket routes. Plugins bind one; the WebSocketGateway collects them all. */
export interface WebSocketRouteContribution {
  /** Adds handlers to the route table (paths are absolute, e.g. `/ws/market`). */
  registerWebSocketRoutes(routes: WebSocketRoutes): void;
}

/** Injection token for WebSocketRouteContribution (multi-bound). */
export const WebSocketRouteContribution = Symbol.for('crypto-datasource.WebSocketRouteContribution');
