import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { type Capability, type RouteContribution, UnknownSymbolError, isAppError, MarketRouter, type RoutedAnswer } from '../../../core/index.js';
import { NoQuerySchema, OhlcvQuerySchema, PriceQuerySchema, PricesQuerySchema, TickerQuerySchema } from './market-query-schemas.js';
import { parseQuery } from './parse-query.js';
import { type RequestedMarket, requestedMarket } from './requested-market.js';

/** Fields every routed answer carries: where it came from and how fresh it is. */
function provenance(answer: RoutedAnswer<Capability>): { source: string; cached: boolean; stale?: true } {
  return { source: answer.source, cached: answer.cached, ...(answer.stale ? { stale: true as const } : {}) };
}

/** The market a per-symbol answer really came from: its quote, the provider's market id, and the quote asked when another stood for it. */
function marketOf(answer: RoutedAnswer<Capability>): { quote: string; market: string; requestedQuote?: string } {
  const { market } = answer;
  if (market === undefined) throw new Error(`the router answered without a market (${answer.providerId})`);
  return { quote: market.quote, market: market.id, ...(market.requestedQuote === market.quote ? {} : { requestedQuote: market.requestedQuote }) };
}

/** The market REST API of SPEC §5, every answer through the smart router. */
@injectable()
export class MarketRoutes implements RouteContribution {
  constructor(@inject(MarketRouter) private readonly router: MarketRouter) {}

  registerRoutes(router: Router): void {
    router.get('/api/market/price', async (ctx) => {
      const query = parseQuery(PriceQuerySchema, ctx.query);
      const asked = requestedMarket(query.symbol, query.quote);
      this.assertKnown('price', asked);
      if (query.mode === 'consensus') {
        ctx.body = { mode: 'consensus', ...(await this.router.consensus(asked.symbol, {}, asked.quote)) };
        return;
      }
      ctx.body = await this.price(asked);
    });

    router.get('/api/market/prices', async (ctx) => {
      const query = parseQuery(PricesQuerySchema, ctx.query);
      const asked = query.symbols.map((symbol) => requestedMarket(symbol, query.quote));
      const settled = await Promise.allSettled(asked.map((market) => this.price(market)));
      const prices = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const errors = settled.flatMap((result, index) => {
        if (result.status === 'fulfilled') return [];
        const error = result.reason as unknown;
        if (!isAppError(error)) throw error;
        return [{ symbol: asked[index]!.symbol, quote: asked[index]!.quote, error: { code: error.code, message: error.message } }];
      });
      if (prices.length === 0 && settled.length > 0) throw (settled[0] as PromiseRejectedResult).reason;
      ctx.body = { prices, errors };
    });

    router.get('/api/market/ticker', async (ctx) => {
      const query = parseQuery(TickerQuerySchema, ctx.query);
      const asked = requestedMarket(query.symbol, query.quote);
      this.assertKnown('ticker', asked);
      const answer = await this.router.route('ticker', asked);
      ctx.body = { ...answer.data, ...marketOf(answer), ...provenance(answer) };
    });

    router.get('/api/market/ohlcv', async (ctx) => {
      const query = parseQuery(OhlcvQuerySchema, ctx.query);
      const asked = requestedMarket(query.symbol, query.quote);
      this.assertKnown('ohlcv', asked);
      const answer = await this.router.route('ohlcv', { ...asked, interval: query.interval, limit: query.limit });
      ctx.body = { symbol: answer.data.symbol, interval: answer.data.interval, candles: answer.data.candles, ...marketOf(answer), ...provenance(answer) };
    });

    router.get('/api/market/fear-greed', async (ctx) => {
      parseQuery(NoQuerySchema, ctx.query);
      const answer = await this.router.route('fear-greed', {});
      ctx.body = { ...answer.data, ...provenance(answer) };
    });

    router.get('/api/market/gas', async (ctx) => {
      parseQuery(NoQuerySchema, ctx.query);
      const answer = await this.router.route('gas', {});
      ctx.body = { ...answer.data, unit: 'gwei', ...provenance(answer) };
    });
  }

  private async price(asked: RequestedMarket): Promise<Record<string, unknown>> {
    this.assertKnown('price', asked);
    const answer = await this.router.route('price', asked);
    return { symbol: answer.data.symbol, price: answer.data.price, timestamp: answer.data.timestamp, ...marketOf(answer), ...provenance(answer) };
  }

  /** 404 naming the symbol before any upstream call when no enabled provider serves the market. */
  private assertKnown(capability: Capability, { symbol, quote }: RequestedMarket): void {
    if (!this.router.knowsSymbol(capability, symbol, quote)) {
      const market = quote === 'USD' ? symbol : `${symbol}/${quote}`;
      throw new UnknownSymbolError(`Unknown symbol ${market}: no enabled provider lists it for ${capability}`);
    }
  }
}
