import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { type RouteContribution, MetricsRegistry, SystemStatus } from '../../../core/index.js';

/** `GET /api/system/status` (SPEC §6) and `GET /metrics` (Prometheus text format). */
@injectable()
export class SystemRoutes implements RouteContribution {
  constructor(
    @inject(SystemStatus) private readonly status: SystemStatus,
    @inject(MetricsRegistry) private readonly registry: MetricsRegistry,
  ) {}

  registerRoutes(router: Router): void {
    router.get('/api/system/status', async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await this.status.snapshot();
    });

    router.get('/metrics', async (ctx) => {
      const text = await this.registry.metrics();
      ctx.set('Cache-Control', 'no-store');
      ctx.type = this.registry.contentType;
      ctx.body = text;
    });
  }
}
