import { z } from 'zod';
import type { ApiOperation, ApiResponse } from './openapi-contribution.js';

/** A JSON Schema (2020-12) object. */
type JsonSchema = Record<string, unknown>;

/** The body of every error answer (`core/http/error-middleware.ts`). */
export const ErrorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: 'Stable machine-readable code: bad_request, not_found, unknown_symbol, service_unavailable, ...' }),
      message: z.string().meta({ description: 'What went wrong, naming the parameter or field at fault' }),
      requestId: z.string().meta({ description: 'The X-Request-Id of the request' }),
    }),
  })
  .meta({ description: 'Every error answer' });

/** What the document says about the API itself. */
export interface ApiInfo {
  title: string;
  version: string;
  description: string;
}

/** zod 4's JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), without the `$schema` key. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/**
 * Builds the OpenAPI 3.1 document from the operations the API plugins declare: query parameters
 * and bodies from the zod schemas the routes validate with (as the route reads them: input), answers
 * from the zod schemas of what they send (output), errors as one shared component.
 */
export function buildOpenApiDocument(info: ApiInfo, operations: readonly ApiOperation[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of [...operations].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method] !== undefined) throw new Error(`OpenAPI: ${operation.method.toUpperCase()} ${operation.path} is documented twice`);
    item[operation.method] = describeOperation(operation);
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(ErrorBodySchema, 'output') },
      headers: {
        'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
        'X-Request-Id': { description: 'The request id (an incoming sane one is kept)', schema: { type: 'string' } },
      },
    },
  };
}

function describeOperation(operation: ApiOperation): JsonSchema {
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description === undefined ? {} : { description: operation.description }),
    tags: operation.tags,
    ...(operation.query === undefined ? {} : { parameters: queryParameters(operation.query) }),
    ...(operation.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(operation.body, 'input') } } } }),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, describeResponse(Number(status), response)])),
  };
}

/** Each property of the query object as a query parameter, its description lifted out of its schema. */
function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = jsonSchemaOf(query, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: property,
  }));
}

function describeResponse(status: number, response: ApiResponse): JsonSchema {
  const headers = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' }, ...(status === 503 ? { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } : {}) };
  if ('error' in response) {
    return { description: response.description, headers, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return { description: response.description, headers, content: { [response.contentType ?? 'application/json']: { schema: jsonSchemaOf(response.schema, 'output') } } };
}
