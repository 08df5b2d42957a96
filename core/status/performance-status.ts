import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { Clock } from '../clock/clock.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { addReadings, emptyReading, mean, quantile, readHistogram, subtractReadings, type HistogramReading } from '../metrics/histogram-reading.js';
import { HttpMetrics } from '../metrics/http-metrics.js';
import { REQUEST_BUCKETS_SECONDS } from '../metrics/router-metrics.js';
import { SampledWindow } from '../metrics/sampled-window.js';
import { RouterStatus } from '../stats/router-status.js';
import type { StatusContribution } from './status-contribution.js';

/** "Recent" figures cover about this long. */
export const PERFORMANCE_WINDOW_MS = 60_000;
const SAMPLE_EVERY_MS = 5_000;

const ms = z.number().min(0).nullable();

/** The `performance` section: HTTP traffic since start and over the last minute. */
export const PerformanceSchema = z.looseObject({
  requests: z.int().min(0).meta({ description: 'HTTP requests answered since start' }),
  server_errors: z.int().min(0).meta({ description: 'HTTP answers with a 5xx status since start' }),
  window_seconds: z.number().min(0).meta({ description: 'How long the recent figures below cover (about a minute)' }),
  requests_in_window: z.int().min(0),
  requests_per_second: z.number().min(0).nullable().meta({ description: 'Over the window; null while it is empty of time' }),
  avg_response_ms: ms.meta({ description: 'Over the window; null when it saw no request' }),
  p50_response_ms: ms.meta({ description: 'Estimated from the histogram buckets, as histogram_quantile does' }),
  p95_response_ms: ms,
  p99_response_ms: ms,
  cache_hit_rate_percent: z.number().min(0).max(100).nullable().meta({ description: 'Routed requests answered from a fresh cache since start; null before the first' }),
});

/** `performance` as JSON. */
export type Performance = z.output<typeof PerformanceSchema>;

/** A reading of the HTTP histogram: all requests, and the 5xx among them. */
interface HttpReading {
  all: HistogramReading;
  serverErrors: number;
}

/**
 * HTTP's `performance` section (SPEC §6.6), read from the request histogram HttpMetrics records
 * (the one `/metrics` exposes): recent figures are the change over the last minute, as
 * `rate()` and `histogram_quantile()` would compute them; the cache hit rate is the router's.
 */
@injectable()
export class PerformanceStatus implements StatusContribution, LifecycleContribution {
  readonly section = 'performance';
  readonly schema = PerformanceSchema;
  private readonly window: SampledWindow<HttpReading>;

  constructor(
    @inject(HttpMetrics) private readonly http: HttpMetrics,
    @inject(RouterStatus) private readonly router: RouterStatus,
    @inject(Clock) clock: Clock,
  ) {
    this.window = new SampledWindow(() => this.readHttp(), clock, PERFORMANCE_WINDOW_MS, SAMPLE_EVERY_MS);
  }

  onStart(): void {
    this.window.start();
  }

  onStop(): void {
    this.window.stop();
  }

  async snapshot(): Promise<Performance> {
    const [{ at, now, baseline }, router] = await Promise.all([this.window.current(), this.router.snapshot()]);
    const recent = subtractReadings(now.all, baseline.reading.all);
    const seconds = (at - baseline.at) / 1000;
    const toMs = (value: number | null): number | null => (value === null ? null : Math.round(value * 10_000) / 10);
    return {
      requests: now.all.count,
      server_errors: now.serverErrors,
      window_seconds: Math.round(seconds * 10) / 10,
      requests_in_window: recent.count,
      requests_per_second: seconds <= 0 ? null : Math.round((recent.count / seconds) * 100) / 100,
      avg_response_ms: toMs(mean(recent)),
      p50_response_ms: toMs(quantile(recent, 0.5)),
      p95_response_ms: toMs(quantile(recent, 0.95)),
      p99_response_ms: toMs(quantile(recent, 0.99)),
      cache_hit_rate_percent: router.totals.requests === 0 ? null : router.totals.cacheHitRate,
    };
  }

  private async readHttp(): Promise<HttpReading> {
    const byClass = await readHistogram(this.http.requests, (labels) => (String(labels.status).startsWith('5') ? '5xx' : 'other'));
    const empty = emptyReading([...REQUEST_BUCKETS_SECONDS, Infinity]);
    const serverErrors = byClass.get('5xx') ?? empty;
    return { all: addReadings(addReadings(empty, byClass.get('other') ?? empty), serverErrors), serverErrors: serverErrors.count };
  }
}
