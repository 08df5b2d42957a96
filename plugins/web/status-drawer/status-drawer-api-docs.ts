import { injectable } from 'inversify';
import { z } from 'zod';
import type { ApiOperation, OpenApiContribution } from '../../api/openapi/index.js';
import { CUSTOM_ELEMENTS_MANIFEST_PATH, STATUS_DRAWER_BUNDLE_PATH } from './status-drawer-routes.js';

/** The custom-elements manifest, as far as a client relies on it (schema 1.x: modules and their declarations). */
const CustomElementsManifestSchema = z.looseObject({ schemaVersion: z.string(), modules: z.array(z.looseObject({ kind: z.string(), path: z.string() })) });

/** The status-drawer plugin's operations for `/api/openapi.json`. */
@injectable()
export class StatusDrawerApiDocs implements OpenApiContribution {
  operations(): readonly ApiOperation[] {
    return [
      {
        method: 'get',
        path: STATUS_DRAWER_BUNDLE_PATH,
        operationId: 'getStatusDrawerBundle',
        summary: 'The <status-drawer> web component: one ES module with Lit inside',
        description: 'Load it with `<script type="module" src="/components/status-drawer.js">` and add `<status-drawer endpoint="/api/system/status">`. ETag and `Cache-Control: public, no-cache` (304 on If-None-Match).',
        tags: ['web'],
        responses: { 200: { description: 'The bundle', contentType: 'text/javascript; charset=utf-8', schema: z.string() }, 404: { description: 'Not built (npm run build)', error: true } },
      },
      {
        method: 'get',
        path: CUSTOM_ELEMENTS_MANIFEST_PATH,
        operationId: 'getCustomElementsManifest',
        summary: "The <status-drawer>'s custom-elements manifest: attributes, properties, events, CSS parts and custom properties",
        tags: ['web'],
        responses: { 200: { description: 'The manifest', schema: CustomElementsManifestSchema } },
      },
    ];
  }
}
