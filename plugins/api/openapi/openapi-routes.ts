import type { Router } from '@koa/router';
import { injectable, multiInject, optional } from 'inversify';
import type { RouteContribution } from '../../../core/index.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { OpenApiContribution } from './openapi-contribution.js';
import { KernelRoutesDocs } from './kernel-routes-docs.js';

/** `GET /api/openapi.json`: the document of every OpenApiContribution, built on first request (contributions are fixed after boot). */
@injectable()
export class OpenApiRoutes implements RouteContribution {
  private document: Record<string, unknown> | undefined;

  constructor(@multiInject(OpenApiContribution) @optional() private readonly contributions: OpenApiContribution[] = []) {}

  registerRoutes(router: Router): void {
    router.get('/api/openapi.json', (ctx) => {
      this.document ??= buildOpenApiDocument(
        {
          title: 'Crypto Datasource',
          version: '0.1.0',
          description: 'Crypto market data from many providers through one smart router (weighted rotation, failover, caching, cross-checked prices), sentiment analysis, and the gateway\'s own status.',
        },
        [new KernelRoutesDocs(), ...this.contributions].flatMap((contribution) => contribution.operations()),
      );
      ctx.body = this.document;
    });
  }
}
