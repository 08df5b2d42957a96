import type { Router } from '@koa/router';
import { injectable } from 'inversify';
import { projectPath, StaticAsset, type RouteContribution } from '../../../core/index.js';

/** The bundle's URL: one `<script type="module" src="/components/status-drawer.js">` in any page. */
export const STATUS_DRAWER_BUNDLE_PATH = '/components/status-drawer.js';

/** The custom-elements manifest's URL. */
export const CUSTOM_ELEMENTS_MANIFEST_PATH = '/components/custom-elements.json';

/**
 * `GET /components/status-drawer.js` (the `<status-drawer>` bundle that `npm run build` writes to
 * web-components/dist/) and `GET /components/custom-elements.json` (its manifest, generated from the
 * class's JSDoc and committed), each with an ETag and revalidating cache headers.
 */
@injectable()
export class StatusDrawerRoutes implements RouteContribution {
  private readonly bundle = new StaticAsset({
    file: projectPath('web-components', 'dist', 'status-drawer.js'),
    contentType: 'text/javascript; charset=utf-8',
    missingHint: 'build it with `npm run build` (or `npm run build:components`)',
  });

  private readonly manifest = new StaticAsset({
    file: projectPath('web-components', 'status-drawer', 'custom-elements.json'),
    contentType: 'application/json; charset=utf-8',
    missingHint: 'generate it with `npm run build:manifest`',
  });

  registerRoutes(router: Router): void {
    router.get(STATUS_DRAWER_BUNDLE_PATH, this.bundle.serve);
    router.get(CUSTOM_ELEMENTS_MANIFEST_PATH, this.manifest.serve);
  }
}
