import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { MarketCatalogue } from '../markets/market-catalogue.js';
import { SYMBOL_CAPABILITIES } from '../providers/capability.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { RouterStatus } from '../stats/router-status.js';
import { isoTime } from './iso-time.js';
import type { StatusContribution } from './status-contribution.js';

const count = z.int().min(0);
const percent = z.number().min(0).max(100);
const ms = z.number().min(0).nullable();

/** One provider in `providers_detailed`. */
export const ProviderDetailSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  capabilities: z.array(z.string()),
  priority: z.int(),
  weight: z.number(),
  state: z.enum(['online', 'degraded', 'rate-limited', 'cached', 'circuit-open', 'blacklisted', 'disabled', 'offline']),
  disabled_reason: z.string().nullable().meta({ description: 'Why the provider is disabled (a missing API key...), else null' }),
  rate_limited: z.boolean(),
  blacklisted: z.boolean(),
  cooldown_until: z.iso.datetime().nullable().meta({ description: 'When its cooldown, blacklist or open circuit ends, else null' }),
  circuit: z.enum(['closed', 'open', 'half-open']),
  health: z.number().min(0).max(1).meta({ description: 'Factor (0-1] its weight is scaled by, from recent success rate and latency' }),
  requests: count.meta({ description: 'Times the router chose it' }),
  served: count.meta({ description: 'Answers of it served to clients (cached ones included)' }),
  traffic_share_percent: percent.meta({ description: 'Its share of the answers served' }),
  upstream_calls: count,
  upstream_share_percent: percent.meta({ description: 'Its share of all upstream calls' }),
  successes: count.meta({ description: 'Upstream calls that answered' }),
  failures: count.meta({ description: 'Upstream calls that failed, plus answers the price cross-check refused' }),
  failures_by_kind: z.record(z.string(), count),
  cache_hits: count,
  cache_misses: count,
  coalesced_calls: count,
  avg_response_ms: ms.meta({ description: 'Mean upstream latency since start; null before its first call' }),
  p95_response_ms: ms.meta({ description: '95th percentile upstream latency since start, estimated from the histogram buckets' }),
  last_error: z.strictObject({ type: z.string(), message: z.string(), at: z.iso.datetime() }).nullable(),
  markets: z
    .strictObject({
      source: z.enum(['discovered', 'last-known', 'built-in']).meta({ description: 'Its listing fetched this run, the last one kept on disk, or the built-in universe' }),
      count: count.meta({ description: 'Trading markets served' }),
      halted: count.meta({ description: 'Markets its listing has halted (not served)' }),
      listed_at: z.iso.datetime().nullable().meta({ description: 'When the list in use was fetched; null for the built-in universe' }),
      last_error: z.string().nullable().meta({ description: 'Why its last listing failed, else null' }),
    })
    .nullable()
    .meta({ description: 'Where its markets come from and how many; null for a provider that takes no symbol' }),
});

/** The `providers_detailed` section: every provider, in priority order. */
export const ProvidersDetailedSchema = z.array(ProviderDetailSchema);

/** `providers_detailed` as JSON. */
export type ProvidersDetailed = z.output<typeof ProvidersDetailedSchema>;

/** The router's `providers_detailed` section (SPEC §6.1): declared weight and priority, live state and counters. */
@injectable()
export class ProvidersStatus implements StatusContribution {
  readonly section = 'providers_detailed';
  readonly schema = ProvidersDetailedSchema;

  constructor(
    @inject(RouterStatus) private readonly status: RouterStatus,
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(MarketCatalogue) private readonly markets: MarketCatalogue,
  ) {}

  async snapshot(): Promise<ProvidersDetailed> {
    const { providers } = await this.status.snapshot();
    return providers.map((provider) => ({
      ...this.base(provider),
      markets: this.marketsOf(provider.id),
    }));
  }

  /** Null for a provider that takes no symbol (fear & greed, gas). */
  private marketsOf(providerId: string): ProvidersDetailed[number]['markets'] {
    const capabilities = this.registry.get(providerId)?.declaration.capabilities ?? [];
    const status = this.markets.status(providerId);
    if (status === undefined || !capabilities.some((capability) => SYMBOL_CAPABILITIES.includes(capability))) return null;
    return { source: status.source, count: status.markets, halted: status.halted, listed_at: isoTime(status.listedAt), last_error: status.lastError };
  }

  private base(provider: Awaited<ReturnType<RouterStatus['snapshot']>>['providers'][number]): Omit<ProvidersDetailed[number], 'markets'> {
    return {
      id: provider.id,
      name: provider.name,
      capabilities: [...(this.registry.get(provider.id)?.declaration.capabilities ?? [])],
      priority: provider.priority,
      weight: provider.weight,
      state: provider.state,
      disabled_reason: provider.disabledReason,
      rate_limited: provider.rateLimited,
      blacklisted: provider.blacklisted,
      cooldown_until: isoTime(provider.cooldownUntil),
      circuit: provider.circuit,
      health: provider.health,
      requests: provider.requests,
      served: provider.served,
      traffic_share_percent: provider.trafficShare,
      upstream_calls: provider.upstreamCalls,
      upstream_share_percent: provider.upstreamShare,
      successes: provider.successes,
      failures: provider.failures,
      failures_by_kind: { ...provider.failuresByKind },
      cache_hits: provider.cacheHits,
      cache_misses: provider.cacheMisses,
      coalesced_calls: provider.coalesced,
      avg_response_ms: provider.latency.avgMs,
      p95_response_ms: provider.latency.p95Ms,
      last_error: provider.lastError === null ? null : { type: provider.lastError.kind, message: provider.lastError.message, at: isoTime(provider.lastError.at)! },
    };
  }
}
