import { inject, injectable } from 'inversify';
import { Counter, Histogram } from 'prom-client';
import { DeferredIncrements } from './deferred-increments.js';
import { MetricsRegistry } from './metrics-registry.js';
import { TalliedHistogram } from './tallied-histogram.js';

/** Upper bounds of the upstream latency buckets, in seconds. */
export const UPSTREAM_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Upper bounds of the client request latency buckets, in seconds (a cached answer takes well under a millisecond). */
export const REQUEST_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** How a routed request ended: a fresh upstream answer, a cached one, a stale one, or none. */
export type RequestResult = 'fresh' | 'cached' | 'stale' | 'failed';

/**
 * The router's Prometheus metrics, registered once in the MetricsRegistry. They are the router's
 * only record of its traffic: the status reads its figures back from them (see RouterStats).
 */
@injectable()
export class RouterMetrics {
  /** Client requests through the router, by capability and result; `_count` is the request count. Every routed request is tallied (RouterStats). */
  readonly requests: TalliedHistogram<'capability' | 'result'>;
  /** Times the router chose a provider for a request. */
  readonly selections: Counter<'provider' | 'capability'>;
  /** Answers a provider served to clients (from upstream, cache or stale). */
  readonly served: Counter<'provider' | 'capability'>;
  /** Fresh-cache lookups per provider: `hit` served from cache, `miss` went on to the upstream. */
  readonly cacheLookups: Counter<'provider' | 'capability' | 'result'>;
  /** Requests that joined an identical upstream call already running instead of sending their own. */
  readonly coalesced: Counter<'provider' | 'capability'>;
  /** Upstream calls by outcome (`success` or the failure kind); `_count` is the call count. */
  readonly upstream: Histogram<'provider' | 'capability' | 'outcome'>;
  /** Answers the price cross-check refused: never served nor cached. */
  readonly rejected: Counter<'provider' | 'capability'>;
  /** What every routed request adds (selections, served answers, cache hits), by provider and capability: added to the counters when they are read. */
  readonly pendingSelections = new DeferredIncrements<'provider' | 'capability'>((provider, capability) => ({ provider, capability }));
  readonly pendingServed = new DeferredIncrements<'provider' | 'capability'>((provider, capability) => ({ provider, capability }));
  readonly pendingCacheHits = new DeferredIncrements<'provider' | 'capability' | 'result'>((provider, capability) => ({ provider, capability, result: 'hit' }));

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    const registers = [registry];
    this.requests = new TalliedHistogram({
      name: 'crypto_datasource_router_request_duration_seconds',
      help: 'Requests answered (or not) by the smart router, by capability and result (fresh, cached, stale, failed)',
      labelNames: ['capability', 'result'],
      buckets: REQUEST_BUCKETS_SECONDS,
      registers,
    });
    this.selections = new Counter({ name: 'crypto_datasource_provider_selections_total', help: 'Times the router chose the provider for a request', labelNames: ['provider', 'capability'], registers, ...flushing(this.pendingSelections) });
    this.served = new Counter({ name: 'crypto_datasource_provider_served_total', help: 'Answers of the provider served to clients', labelNames: ['provider', 'capability'], registers, ...flushing(this.pendingServed) });
    this.cacheLookups = new Counter({
      name: 'crypto_datasource_cache_lookups_total',
      help: 'Fresh-cache lookups of a provider answer: hit (served from cache) or miss',
      labelNames: ['provider', 'capability', 'result'],
      registers,
      ...flushing(this.pendingCacheHits),
    });
    this.coalesced = new Counter({
      name: 'crypto_datasource_coalesced_calls_total',
      help: 'Requests that shared an identical upstream call already in flight',
      labelNames: ['provider', 'capability'],
      registers,
    });
    this.upstream = new Histogram({
      name: 'crypto_datasource_upstream_request_duration_seconds',
      help: 'Upstream calls and their duration, by provider, capability and outcome (success or the failure kind)',
      labelNames: ['provider', 'capability', 'outcome'],
      buckets: [...UPSTREAM_BUCKETS_SECONDS],
      registers,
    });
    this.rejected = new Counter({
      name: 'crypto_datasource_rejected_answers_total',
      help: 'Provider answers refused by the price cross-check',
      labelNames: ['provider', 'capability'],
      registers,
    });
  }
}

/** A counter's `collect` that adds `pending` to it first, so every read sees every increment. */
function flushing<L extends string>(pending: DeferredIncrements<L>): { collect(this: Counter<L>): void } {
  return {
    collect() {
      pending.flush(this);
    },
  };
}
