import { injectable } from 'inversify';
import { z } from 'zod';
import type { ApiOperation, OpenApiContribution } from '../../api/openapi/index.js';
import { DASHBOARD_BUNDLE_PATH } from './dashboard-routes.js';

/** The dashboard plugin's operations for `/api/openapi.json`. */
@injectable()
export class DashboardApiDocs implements OpenApiContribution {
  operations(): readonly ApiOperation[] {
    return [
      {
        method: 'get',
        path: '/',
        operationId: 'getDashboard',
        summary: 'The dashboard page: live price board, candle chart, Fear & Greed gauge and the status drawer',
        tags: ['web'],
        responses: { 200: { description: 'The page', contentType: 'text/html; charset=utf-8', schema: z.string() } },
      },
      {
        method: 'get',
        path: DASHBOARD_BUNDLE_PATH,
        operationId: 'getDashboardBundle',
        summary: "The dashboard's elements (price board, candle chart, Fear & Greed gauge): one ES module",
        tags: ['web'],
        responses: { 200: { description: 'The bundle', contentType: 'text/javascript; charset=utf-8', schema: z.string() }, 404: { description: 'Not built (npm run build)', error: true } },
      },
    ];
  }
}
