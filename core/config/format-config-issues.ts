import type { z } from 'zod';
import type { ConfigSources } from './config-sources.js';

/** Renders a JSON path the way a human would type it: `providers.binance.weight`, `plugins[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/**
 * Turns zod issues into one message per problem, each naming the file, the JSON path and what
 * was expected; unknown keys are reported at their own path.
 */
export function formatConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  sources: ConfigSources,
  prefix: readonly (string | number)[] = [],
): string {
  return issues
    .flatMap((issue) => {
      const base = [...prefix, ...(issue.path as (string | number)[])];
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => {
          const path = [...base, key];
          return `${sources.describe(path)}: at "${formatPath(path)}": unknown key (not allowed here)`;
        });
      }
      return [`${sources.describe(base)}: at "${formatPath(base)}": ${issue.message}`];
    })
    .join('\n');
}
