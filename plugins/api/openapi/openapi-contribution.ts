import type { z } from 'zod';

/** An answer of an operation: its schema (JSON unless `contentType` says otherwise), or the shared error body. */
export type ApiResponse =
  | { description: string; schema: z.ZodType; contentType?: string }
  | { description: string; error: true };

/** One REST operation, described with the zod schemas its route validates with and answers in. */
export interface ApiOperation {
  method: 'get' | 'post';
  /** OpenAPI path, e.g. `/api/market/price`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** The query string schema (a zod object): each property becomes a query parameter. */
  query?: z.ZodObject;
  /** The JSON body schema. */
  body?: z.ZodType;
  /** By HTTP status. */
  responses: Readonly<Record<number, ApiResponse>>;
}

/**
 * A plugin's part of `GET /api/openapi.json`: the operations of its routes. API plugins bind one
 * next to their RouteContribution; the OpenAPI plugin collects them, so adding an API plugin
 * never means editing the OpenAPI plugin.
 */
export interface OpenApiContribution {
  operations(): readonly ApiOperation[];
}

/** Injection token for OpenApiContribution (multi-bound). */
export const OpenApiContribution = Symbol.for('crypto-datasource.OpenApiContribution');
