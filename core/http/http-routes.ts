import { injectable, multiInject, optional } from 'inversify';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import type { HttpHost } from './http-host.js';
import { registerHealthRoutes } from './health-routes.js';
import { ReadinessCheck } from './readiness-check.js';
import { RouteContribution } from './route-contribution.js';

/** Collects the RouteContribution and ReadinessCheck extension points: `/healthz`, `/readyz`, then every plugin's routes. */
@injectable()
export class HttpRoutes implements LifecycleContribution {
  constructor(
    @multiInject(RouteContribution) @optional() private readonly routes: RouteContribution[] = [],
    @multiInject(ReadinessCheck) @optional() private readonly checks: ReadinessCheck[] = [],
  ) {}

  configure({ router }: HttpHost): void {
    registerHealthRoutes(router, this.checks);
    for (const contribution of this.routes) contribution.registerRoutes(router);
  }
}
