import { inject, injectable } from 'inversify';
import { AnswerFreshness, type CachedCapability, type ResolvedMarket, type RoutedAnswer } from '../../../core/index.js';
import { priceBody, tickerBody } from './market-answer-bodies.js';
import { marketResponse, serialize, type MarketResponse, type SerializedAnswer } from './market-http-caching.js';

/** A cached answer's bytes, with what they were made from besides the cached data. */
interface KnownBytes {
  providerId: string;
  market: ResolvedMarket | undefined;
  serialized: SerializedAnswer;
}

/**
 * The price and ticker answers as they go out, for the Koa routes and the fast lane alike: the
 * JSON bytes and ETag of a cached answer are made once per cache entry (and market, should the
 * provider's listing change it), then reused by every request that entry answers.
 */
@injectable()
export class MarketAnswers {
  private readonly cachedBytes = new WeakMap<object, KnownBytes>();

  constructor(@inject(AnswerFreshness) private readonly freshness: AnswerFreshness) {}

  /** The response to `answer` for a request with `ifNoneMatch` ('' when absent): Cache-Control from its freshness left, its ETag, 304 when matched. */
  respond<C extends CachedCapability>(capability: C, answer: RoutedAnswer<C>, ifNoneMatch: string): MarketResponse {
    return marketResponse(this.serialized(capability, answer), this.freshness.freshnessLeftMs(capability, answer), ifNoneMatch);
  }

  private serialized<C extends CachedCapability>(capability: C, answer: RoutedAnswer<C>): SerializedAnswer {
    const body = (): unknown => (capability === 'price' ? priceBody(answer as RoutedAnswer<'price'>) : tickerBody(answer as RoutedAnswer<'ticker'>));
    if (!answer.cached || answer.stale) return serialize(body());
    const known = this.cachedBytes.get(answer.data);
    if (known !== undefined && known.providerId === answer.providerId && sameMarket(known.market, answer.market)) return known.serialized;
    const serialized = serialize(body());
    this.cachedBytes.set(answer.data, { providerId: answer.providerId, market: answer.market, serialized });
    return serialized;
  }
}

function sameMarket(a: ResolvedMarket | undefined, b: ResolvedMarket | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id && a.quote === b.quote && a.requestedQuote === b.requestedQuote && a.base === b.base);
}
