import type { z } from 'zod';
import { BadRequestError } from '../../../core/index.js';

/**
 * Validates a query string against its schema; the 400 names the parameter:
 * `symbol: expected a ticker of 1 to 15 letters or digits, such as BTC`.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string | string[] | undefined>): z.output<S> {
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw new BadRequestError(`${name}: given more than once`);
  }
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw new BadRequestError(`${issue.keys.join(', ')}: unknown parameter`);
  const name = issue.path.length > 0 ? String(issue.path[0]) : 'query';
  throw new BadRequestError(`${name}: ${issue.message}`);
}
