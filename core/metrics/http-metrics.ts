import { inject, injectable } from 'inversify';
import type { Middleware } from 'koa';
import { nestedCell } from '../collections/nested-cell.js';
import type { HttpHost } from '../http/http-host.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { MetricsRegistry } from './metrics-registry.js';
import { REQUEST_BUCKETS_SECONDS } from './router-metrics.js';
import { TalliedHistogram, type Tally } from './tallied-histogram.js';

/** The labels of the HTTP request histogram. */
type HttpLabel = 'method' | 'route' | 'status';

/** The route label of a request no route matched: raw paths would make one series per URL anyone sends. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The HTTP request duration histogram (`crypto_datasource_http_request_duration_seconds` by
 * method, route pattern and status), recorded by a middleware this contribution puts first in the
 * chain, so requests the body parser or CORS answer are counted too and the status is the final
 * one, and by the fast lanes for the requests they answer. The performance status reads its
 * figures from this histogram.
 */
@injectable()
export class HttpMetrics implements LifecycleContribution {
  /** Every HTTP request, by method, route pattern (e.g. `/api/market/price`) and status; the fast lanes' answers are tallied. */
  readonly requests: TalliedHistogram<HttpLabel>;
  /** The series the fast lanes' answers are tallied in, by method, route and status: a handful, each answered many times over. */
  private readonly fastSeries = new Map<string, Map<string, Map<number, Tally>>>();

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.requests = new TalliedHistogram({
      name: 'crypto_datasource_http_request_duration_seconds',
      help: 'HTTP requests and their duration, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: REQUEST_BUCKETS_SECONDS,
      registers: [registry],
    });
  }

  configure({ app, fastLanes }: HttpHost): void {
    // First, before the host's own middleware: it sees every request and the status the error middleware settles on.
    const middleware = this.middleware();
    app.middleware.unshift(middleware);
    fastLanes.covers(middleware);
    fastLanes.onAnswered((method, route, status, seconds) => this.requests.tally(this.fastSeriesOf(method, route, status), seconds));
  }

  private fastSeriesOf(method: string, route: string, status: number): Tally {
    let byRoute = this.fastSeries.get(method);
    if (byRoute === undefined) {
      byRoute = new Map();
      this.fastSeries.set(method, byRoute);
    }
    return nestedCell(byRoute, route, status, () => this.requests.seriesOf({ method, route, status: String(status) }));
  }

  private middleware(): Middleware {
    return async (ctx, next) => {
      const started = process.hrtime.bigint();
      try {
        await next();
      } finally {
        const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
        this.requests.observe(
          { method: ctx.method, route: route === undefined ? UNMATCHED_ROUTE : String(route), status: String(ctx.status) },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      }
    };
  }
}
