import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { etagOf, projectPath, sendAsset, StaticAsset, type AssetContent, type RouteContribution } from '../../../core/index.js';
import { DashboardConfig } from './dashboard-config.js';
import { dashboardPage } from './dashboard-page.js';

/** The dashboard elements' bundle (price board, candle chart, Fear & Greed gauge). */
export const DASHBOARD_BUNDLE_PATH = '/components/dashboard.js';

/** `GET /`: the dashboard page; `GET /components/dashboard.js`: its elements. Both with an ETag and revalidating cache headers. */
@injectable()
export class DashboardRoutes implements RouteContribution {
  private readonly page: AssetContent;

  private readonly bundle = new StaticAsset({
    file: projectPath('web-components', 'dist', 'dashboard.js'),
    contentType: 'text/javascript; charset=utf-8',
    missingHint: 'build it with `npm run build` (or `npm run build:components`)',
  });

  constructor(@inject(DashboardConfig) config: DashboardConfig) {
    const body = Buffer.from(dashboardPage(config), 'utf8');
    this.page = { body, etag: etagOf(body) };
  }

  registerRoutes(router: Router): void {
    router.get('/', (ctx) => sendAsset(ctx, this.page, 'text/html; charset=utf-8'));
    router.get(DASHBOARD_BUNDLE_PATH, this.bundle.serve);
  }
}
