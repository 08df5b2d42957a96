import type { Router } from '@koa/router';
import type { ReadinessCheck } from './readiness-check.js';

/** `GET /healthz` (the process answers) and `GET /readyz` (every readiness check passes). */
export function registerHealthRoutes(router: Router, checks: readonly ReadinessCheck[]): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  });
  router.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      checks.map(async (check) => {
        try {
          return { name: check.name, ...(await check.check()) };
        } catch (error) {
          return { name: check.name, ready: false, detail: (error as Error).message };
        }
      }),
    );
    const ready = results.every((result) => result.ready);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks: results };
  });
}
