import { inject, injectable } from 'inversify';
import type { Middleware } from 'koa';
import { Histogram } from 'prom-client';
import type { HttpHost } from '../http/http-host.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { DeferredObservations } from './deferred-observations.js';
import { MetricsRegistry } from './metrics-registry.js';
import { REQUEST_BUCKETS_SECONDS } from './router-metrics.js';

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
  /** Every HTTP request, by method, route pattern (e.g. `/api/market/price`) and status. */
  readonly requests: Histogram<'method' | 'route' | 'status'>;
  /** The fast lanes' answers, added to `requests` whenever it is read. */
  private readonly fastAnswers = new DeferredObservations<'method' | 'route' | 'status'>();

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    const { fastAnswers } = this;
    this.requests = new Histogram({
      name: 'crypto_datasource_http_request_duration_seconds',
      help: 'HTTP requests and their duration, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [...REQUEST_BUCKETS_SECONDS],
      registers: [registry],
      collect() {
        fastAnswers.flush();
      },
    });
    fastAnswers.feed(this.requests);
  }

  configure({ app, fastLanes }: HttpHost): void {
    // First, before the host's own middleware: it sees every request and the status the error middleware settles on.
    const middleware = this.middleware();
    app.middleware.unshift(middleware);
    fastLanes.covers(middleware);
    fastLanes.onAnswered((method, route, status, seconds) => this.fastAnswers.observe({ method, route, status: String(status) }, seconds));
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
