import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { RouterStatus } from '../stats/router-status.js';
import { isoTime } from './iso-time.js';
import type { StatusContribution } from './status-contribution.js';

/** The `recent_errors` section: errors grouped by provider, type and message, most recently seen first. */
export const RecentErrorsSchema = z.array(
  z.strictObject({
    provider: z.string(),
    type: z.string().meta({ description: 'Failure kind: timeout, rate_limited, unavailable, malformed_body, schema_drift, insane_value, ...' }),
    message: z.string(),
    count: z.int().min(1),
    first_seen: z.iso.datetime(),
    last_seen: z.iso.datetime(),
    action: z.enum(['failover', 'retry', 'backoff', 'blacklist', 'circuit opened', 'rejected']).meta({ description: 'What the router did about the latest one' }),
  }),
);

/** `recent_errors` as JSON. */
export type RecentErrors = z.output<typeof RecentErrorsSchema>;

/** The router's `recent_errors` section (SPEC §6.5): bounded groups, so a storm of one error is one line with its count. */
@injectable()
export class RecentErrorsStatus implements StatusContribution {
  readonly section = 'recent_errors';
  readonly schema = RecentErrorsSchema;

  constructor(@inject(RouterStatus) private readonly status: RouterStatus) {}

  async snapshot(): Promise<RecentErrors> {
    const { recentErrors } = await this.status.snapshot();
    return recentErrors.map((group) => ({
      provider: group.providerId,
      type: group.kind,
      message: group.message,
      count: group.count,
      first_seen: isoTime(group.firstSeen)!,
      last_seen: isoTime(group.lastSeen)!,
      action: group.action,
    }));
  }
}
