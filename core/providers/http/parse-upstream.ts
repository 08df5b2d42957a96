import type { z } from 'zod';
import { formatPath } from '../../config/format-config-issues.js';
import { ProviderError } from '../../errors/index.js';

/**
 * Validates an upstream body against its schema. A mismatch is `schema_drift`, and the message
 * names the field: `binance: price answer changed shape: at "price": expected a numeric string`.
 */
export function parseUpstream<S extends z.ZodType>(providerId: string, what: string, schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ProviderError(providerId, 'schema_drift', `${what} changed shape: at "${formatPath(issue.path)}": ${issue.message}`);
}
