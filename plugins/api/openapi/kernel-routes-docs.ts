import { z } from 'zod';
import type { ApiOperation, OpenApiContribution } from './openapi-contribution.js';

const HealthSchema = z.strictObject({ status: z.literal('ok'), uptimeSeconds: z.int().min(0) });

const ReadinessSchema = z.strictObject({
  status: z.enum(['ready', 'not_ready']),
  checks: z.array(
    z.strictObject({
      name: z.string(),
      ready: z.boolean(),
      detail: z.string().optional().meta({ description: 'Why not ready (each capability left without a callable provider, and why), or a note' }),
    }),
  ),
});

/** The routes the kernel itself serves (`core/http/health-routes.ts`) and this document. */
export class KernelRoutesDocs implements OpenApiContribution {
  operations(): readonly ApiOperation[] {
    return [
      {
        method: 'get',
        path: '/healthz',
        operationId: 'getHealth',
        summary: 'Liveness: the process answers',
        tags: ['system'],
        responses: { 200: { description: 'Alive', schema: HealthSchema } },
      },
      {
        method: 'get',
        path: '/readyz',
        operationId: 'getReadiness',
        summary: 'Readiness: every enabled capability has a provider that can be called and has not failed every recent call',
        tags: ['system'],
        responses: {
          200: { description: 'Ready', schema: ReadinessSchema },
          503: { description: 'Not ready; each check says why', schema: ReadinessSchema },
        },
      },
      {
        method: 'get',
        path: '/api/openapi.json',
        operationId: 'getOpenApi',
        summary: 'This OpenAPI 3.1 document',
        tags: ['system'],
        responses: { 200: { description: 'The document', schema: z.record(z.string(), z.unknown()) } },
      },
    ];
  }
}
