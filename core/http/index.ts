export { RouteContribution } from './route-contribution.js';
export { ReadinessCheck, type ReadinessResult } from './readiness-check.js';
export { WebSocketRouteContribution } from './web-socket-route-contribution.js';
export { WebSocketRoutes, type WebSocketContext, type WebSocketHandler } from './web-socket-routes.js';
export { createHttpHost, type HttpHost, type ConfigurableHttpHost } from './http-host.js';
export { HttpRoutes } from './http-routes.js';
export { WebSocketGateway } from './web-socket-gateway.js';
export { HttpServer } from './http-server.js';
export type { ErrorBody } from './error-middleware.js';
