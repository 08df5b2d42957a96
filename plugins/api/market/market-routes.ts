import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import type Koa from 'koa';
import { AnswerFreshness, type BatchRoutedAnswer, type Capability, type RouteContribution, type RoutedAnswer, UnknownSymbolError, isAppError, MarketRouter } from '../../../core/index.js';
import { marketOf, priceBody, provenance } from './market-answer-bodies.js';
import { MarketAnswers } from './market-answers.js';
import { marketResponse, sendMarketResponse, serialize } from './market-http-caching.js';
import { NoQuerySchema, OhlcvQuerySchema, PriceQuerySchema, PricesQuerySchema, TickerQuerySchema } from './market-query-schemas.js';
import { parseQuery } from './parse-query.js';
import { type RequestedMarket, requestedMarket } from './requested-market.js';

function unknownSymbol(capability: Capability, { symbol, quote }: RequestedMarket): UnknownSymbolError {
  const market = quote === 'USD' ? symbol : `${symbol}/${quote}`;
  return new UnknownSymbolError(`Unknown symbol ${market}: no enabled provider lists it for ${capability}`);
}

/**
 * The market REST API of SPEC §5, every answer through the smart router. Each answer says how long
 * it stays fresh (`Cache-Control: max-age`, the seconds its provider's TTL leaves it; `no-cache`
 * for a consensus, made of several) with an ETag, and a request whose `If-None-Match` names it
 * gets a 304. Price and ticker bytes come from MarketAnswers, as the fast lane's do.
 */
@injectable()
export class MarketRoutes implements RouteContribution {
  constructor(
    @inject(MarketRouter) private readonly router: MarketRouter,
    @inject(MarketAnswers) private readonly answers: MarketAnswers,
    @inject(AnswerFreshness) private readonly freshness: AnswerFreshness,
  ) {}

  registerRoutes(router: Router): void {
    router.get('/api/market/price', async (ctx) => {
      const query = parseQuery(PriceQuerySchema, ctx.query);
      const asked = requestedMarket(query.symbol, query.quote);
      this.assertKnown('price', asked);
      if (query.mode === 'consensus') {
        const consensus = { mode: 'consensus', ...(await this.router.consensus(asked.symbol, {}, asked.quote)) };
        sendMarketResponse(ctx, { ...marketResponse(serialize(consensus), 0, ctx.get('If-None-Match')), cacheControl: 'no-cache' });
        return;
      }
      sendMarketResponse(ctx, this.answers.respond('price', await this.router.route('price', asked), ctx.get('If-None-Match')));
    });

    router.get('/api/market/prices', async (ctx) => {
      const query = parseQuery(PricesQuerySchema, ctx.query);
      const asked = query.symbols.map((symbol) => requestedMarket(symbol, query.quote));
      const routed = await this.routeManyPrices(asked.filter(({ symbol, quote }) => this.router.knowsSymbol('price', symbol, quote)));
      const prices: Record<string, unknown>[] = [];
      const failures: Error[] = [];
      const seen = new Set<string>();
      const errors = asked.flatMap(({ symbol, quote }) => {
        const key = `${symbol}/${quote}`;
        if (seen.has(key)) return [];
        seen.add(key);
        const result = routed.get(key);
        if (result !== undefined && 'answer' in result) {
          prices.push(priceBody(result.answer));
          return [];
        }
        const error = result === undefined ? unknownSymbol('price', { symbol, quote }) : result.error;
        if (!isAppError(error)) throw error;
        failures.push(error);
        return [{ symbol, quote, error: { code: error.code, message: error.message } }];
      });
      if (prices.length === 0 && failures.length > 0) throw failures[0]!;
      const answered = [...routed.values()].flatMap((result) => ('answer' in result ? [this.freshness.freshnessLeftMs('price', result.answer)] : []));
      sendMarketResponse(ctx, marketResponse(serialize({ prices, errors }), errors.length > 0 ? 0 : Math.min(...answered), ctx.get('If-None-Match')));
    });

    router.get('/api/market/ticker', async (ctx) => {
      const query = parseQuery(TickerQuerySchema, ctx.query);
      const asked = requestedMarket(query.symbol, query.quote);
      this.assertKnown('ticker', asked);
      sendMarketResponse(ctx, this.answers.respond('ticker', await this.router.route('ticker', asked), ctx.get('If-None-Match')));
    });

    router.get('/api/market/ohlcv', async (ctx) => {
      const query = parseQuery(OhlcvQuerySchema, ctx.query);
      const asked = requestedMarket(query.symbol, query.quote);
      this.assertKnown('ohlcv', asked);
      const answer = await this.router.route('ohlcv', { ...asked, interval: query.interval, limit: query.limit });
      this.send(ctx, 'ohlcv', answer, { symbol: answer.data.symbol, interval: answer.data.interval, candles: answer.data.candles, ...marketOf(answer), ...provenance(answer) });
    });

    router.get('/api/market/fear-greed', async (ctx) => {
      parseQuery(NoQuerySchema, ctx.query);
      const answer = await this.router.route('fear-greed', {});
      this.send(ctx, 'fear-greed', answer, { ...answer.data, ...provenance(answer) });
    });

    router.get('/api/market/gas', async (ctx) => {
      parseQuery(NoQuerySchema, ctx.query);
      const answer = await this.router.route('gas', {});
      this.send(ctx, 'gas', answer, { ...answer.data, unit: 'gwei', ...provenance(answer) });
    });
  }

  /** Sends `body`, made from `answer`, fresh for what its provider's TTL leaves it. */
  private send<C extends Capability>(ctx: Koa.ParameterizedContext, capability: C, answer: RoutedAnswer<C>, body: unknown): void {
    sendMarketResponse(ctx, marketResponse(serialize(body), this.freshness.freshnessLeftMs(capability, answer), ctx.get('If-None-Match')));
  }

  /** The prices of many markets, each provider asked for its symbols together (one `routeMany` per quote), by `SYMBOL/QUOTE`. */
  private async routeManyPrices(markets: readonly RequestedMarket[]): Promise<Map<string, BatchRoutedAnswer<'price'>>> {
    const byQuote = new Map<string, string[]>();
    for (const { symbol, quote } of markets) byQuote.set(quote, [...new Set([...(byQuote.get(quote) ?? []), symbol])]);
    const routed = new Map<string, BatchRoutedAnswer<'price'>>();
    for (const [quote, symbols] of byQuote) {
      for (const result of await this.router.routeMany('price', symbols, {}, quote)) routed.set(`${result.symbol}/${quote}`, result);
    }
    return routed;
  }

  /** 404 naming the symbol before any upstream call when no enabled provider serves the market. */
  private assertKnown(capability: Capability, asked: RequestedMarket): void {
    if (!this.router.knowsSymbol(capability, asked.symbol, asked.quote)) throw unknownSymbol(capability, asked);
  }
}
