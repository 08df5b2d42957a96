export { RouteContribution } from './route-contribution.js';
export { ReadinessCheck, type ReadinessResult } from './readiness-check.js';
export { createHttpApp, type HttpAppDependencies } from './http-app.js';
export { HttpServer } from './http-server.js';
export { statusForCode } from './error-status.js';
export type { ErrorBody } from './error-middleware.js';
