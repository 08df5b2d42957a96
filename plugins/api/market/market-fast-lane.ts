import { inject, injectable } from 'inversify';
import { CachedRoute, type CachedCapability, type FastAnswer, type FastLane, type FastLaneRequest, type HttpHost, type LifecycleContribution } from '../../../core/index.js';
import { MarketAnswers } from './market-answers.js';
import { JSON_CONTENT_TYPE } from './market-http-caching.js';

/** The routes the lane serves, by path. */
const ROUTES = new Map<string, CachedCapability>([
  ['/api/market/price', 'price'],
  ['/api/market/ticker', 'ticker'],
]);

/** The one query the lane reads: a bare ticker, then optionally a quote, as the Koa route's schema accepts them. Anything else goes to Koa. */
const PLAIN_QUERY = /^symbol=([A-Za-z0-9]{1,15})(?:&quote=([A-Za-z0-9]{1,15}))?$/;

/**
 * `GET /api/market/price` and `/api/market/ticker` answered from the cache before Koa: when the
 * query is plain and the router's cache-hit lane (CachedRoute) serves it, the lane answers the very
 * bytes and headers the Koa route would (MarketAnswers), with the same accounting. Everything else
 * (a miss, consensus, another notation, a stale entry, an open breaker on the provider the rotation
 * picks) goes to the Koa route.
 */
@injectable()
export class MarketFastLane implements FastLane, LifecycleContribution {
  constructor(
    @inject(CachedRoute) private readonly cachedRoute: CachedRoute,
    @inject(MarketAnswers) private readonly answers: MarketAnswers,
  ) {}

  configure({ fastLanes }: HttpHost): void {
    fastLanes.add(this);
  }

  tryAnswer({ path, search, headers }: FastLaneRequest): FastAnswer | undefined {
    const capability = ROUTES.get(path);
    if (capability === undefined) return undefined;
    const plain = PLAIN_QUERY.exec(search);
    if (plain === null) return undefined;
    const answer = this.cachedRoute.serve(capability, { symbol: plain[1]!.toUpperCase(), quote: plain[2]?.toUpperCase() ?? 'USD' });
    if (answer === undefined) return undefined;
    const response = this.answers.respond(capability, answer, headers['if-none-match'] ?? '');
    const own = response.body === undefined ? ['Cache-Control', response.cacheControl, 'ETag', response.etag] : ['Content-Type', JSON_CONTENT_TYPE, 'Cache-Control', response.cacheControl, 'ETag', response.etag];
    return { status: response.status, route: path, headers: own, body: response.body };
  }
}
