import type { Router } from '@koa/router';

/** A plugin's routes. Plugins bind one; HttpRoutes collects them all. */
export interface RouteContribution {
  /** Adds routes to the application router (paths are absolute, e.g. `/api/market/price`). */
  registerRoutes(router: Router): void;
}

/** Injection token for RouteContribution (multi-bound). */
export const RouteContribution = Symbol.for('crypto-datasource.RouteContribution');
