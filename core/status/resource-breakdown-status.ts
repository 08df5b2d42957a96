import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { RouterStatus } from '../stats/router-status.js';
import type { StatusContribution } from './status-contribution.js';

const count = z.int().min(0);
const percent = z.number().min(0).max(100);

/** The `resource_breakdown` section: where traffic and upstream calls went, by provider and by endpoint (capability). */
export const ResourceBreakdownSchema = z.looseObject({
  totals: z.strictObject({ requests: count, upstream_calls: count, cache_hits: count }),
  by_provider: z.array(
    z.strictObject({
      provider: z.string(),
      requests: count.meta({ description: 'Times the router chose it' }),
      served: count,
      traffic_share_percent: percent,
      upstream_calls: count,
      upstream_share_percent: percent,
      cache_hits: count,
    }),
  ),
  by_endpoint: z.array(
    z.strictObject({
      endpoint: z.string().meta({ description: 'The capability the requests asked for: price, ticker, ohlcv, fear-greed, gas' }),
      requests: count,
      successes: count,
      failures: count,
      cache_hits: count,
      stale_served: count,
      upstream_calls: count,
    }),
  ),
});

/** `resource_breakdown` as JSON. */
export type ResourceBreakdown = z.output<typeof ResourceBreakdownSchema>;

/** The router's `resource_breakdown` section (SPEC §6.4). */
@injectable()
export class ResourceBreakdownStatus implements StatusContribution {
  readonly section = 'resource_breakdown';
  readonly schema = ResourceBreakdownSchema;

  constructor(@inject(RouterStatus) private readonly status: RouterStatus) {}

  async snapshot(): Promise<ResourceBreakdown> {
    const { totals, providers, byCapability } = await this.status.snapshot();
    return {
      totals: { requests: totals.requests, upstream_calls: totals.upstreamCalls, cache_hits: totals.cacheHits },
      by_provider: providers.map((provider) => ({
        provider: provider.id,
        requests: provider.requests,
        served: provider.served,
        traffic_share_percent: provider.trafficShare,
        upstream_calls: provider.upstreamCalls,
        upstream_share_percent: provider.upstreamShare,
        cache_hits: provider.cacheHits,
      })),
      by_endpoint: Object.entries(byCapability).map(([endpoint, tally]) => ({
        endpoint,
        requests: tally.requests,
        successes: tally.successes,
        failures: tally.failures,
        cache_hits: tally.cacheHits,
        stale_served: tally.staleServed,
        upstream_calls: tally.upstreamCalls,
      })),
    };
  }
}
