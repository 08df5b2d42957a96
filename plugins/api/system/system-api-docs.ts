import { injectable, multiInject, optional } from 'inversify';
import { z } from 'zod';
import { StatusContribution } from '../../../core/index.js';
import type { ApiOperation, OpenApiContribution } from '../openapi/index.js';
import { systemStatusSchema } from './system-status-schema.js';

/** The system API's operations for `/api/openapi.json`. */
@injectable()
export class SystemApiDocs implements OpenApiContribution {
  constructor(@multiInject(StatusContribution) @optional() private readonly sections: StatusContribution[] = []) {}

  operations(): readonly ApiOperation[] {
    return [
      {
        method: 'get',
        path: '/api/system/status',
        operationId: 'getSystemStatus',
        summary: 'The gateway\'s status: the six sections of the status drawer',
        description:
          'providers_detailed, ai_models, infrastructure, resource_breakdown, recent_errors and performance, each contributed by the part of the system that owns its figures and read from the same metrics `/metrics` exposes. A figure not known is null; secrets never appear.',
        tags: ['system'],
        responses: { 200: { description: 'The status', schema: systemStatusSchema(this.sections) } },
      },
      {
        method: 'get',
        path: '/metrics',
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (text exposition format 0.0.4)',
        tags: ['system'],
        responses: { 200: { description: 'Every metric of the process', contentType: 'text/plain; version=0.0.4', schema: z.string() } },
      },
    ];
  }
}
