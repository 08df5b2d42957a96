import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { type Capability, type CapabilityQuery, type RouteContribution, UnknownSymbolError, isAppError, MarketRouter, type RoutedAnswer } from '../../../core/index.js';
import { NoQuerySchema, OhlcvQuerySchema, PriceQuerySchema, PricesQuerySchema, TickerQuerySchema } from './market-query-schemas.js';
import { parseQuery } from './parse-query.js';

/** Fields every routed answer carries: where it came from and how fresh it is. */
function provenance(answer: RoutedAnswer<Capability>): { source: string; cached: boolean; stale?: true } {
  return { source: answer.source, cached: answer.cached, ...(answer.stale ? { stale: true as const } : {}) };
}

/** A routed price in the SPEC shape. */
function priceBody(answer: RoutedAnswer<'price'>): Record<string, unknown> {
  return { symbol: answer.data.symbol, price: answer.data.price, timestamp: answer.data.timestamp, ...provenance(answer) };
}

function unknownSymbol(capability: Capability, symbol: string): UnknownSymbolError {
  return new UnknownSymbolError(`Unknown symbol ${symbol}: no enabled provider lists it for ${capability}`);
}

/** The market REST API of SPEC §5, every answer through the smart router. */
@injectable()
export class MarketRoutes implements RouteContribution {
  constructor(@inject(MarketRouter) private readonly router: MarketRouter) {}

  registerRoutes(router: Router): void {
    router.get('/api/market/price', async (ctx) => {
      const query = parseQuery(PriceQuerySchema, ctx.query);
      this.assertKnown('price', query.symbol);
      if (query.mode === 'consensus') {
        ctx.body = { mode: 'consensus', ...(await this.router.consensus(query.symbol)) };
        return;
      }
      ctx.body = priceBody(await this.router.route('price', { symbol: query.symbol }));
    });

    router.get('/api/market/prices', async (ctx) => {
      const { symbols } = parseQuery(PricesQuerySchema, ctx.query);
      const known = symbols.filter((symbol) => this.router.knowsSymbol('price', symbol));
      const routed = new Map((await this.router.routeMany('price', known)).map((result) => [result.symbol, result]));
      const prices: Record<string, unknown>[] = [];
      const failures: Error[] = [];
      const errors = symbols.flatMap((symbol) => {
        const result = routed.get(symbol);
        if (result !== undefined && 'answer' in result) {
          prices.push(priceBody(result.answer));
          return [];
        }
        const error = result === undefined ? unknownSymbol('price', symbol) : result.error;
        if (!isAppError(error)) throw error;
        failures.push(error);
        return [{ symbol, error: { code: error.code, message: error.message } }];
      });
      if (prices.length === 0 && failures.length > 0) throw failures[0]!;
      ctx.body = { prices, errors };
    });

    router.get('/api/market/ticker', async (ctx) => {
      const { symbol } = parseQuery(TickerQuerySchema, ctx.query);
      this.assertKnown('ticker', symbol);
      const answer = await this.router.route('ticker', { symbol });
      ctx.body = { ...answer.data, ...provenance(answer) };
    });

    router.get('/api/market/ohlcv', async (ctx) => {
      const query: CapabilityQuery<'ohlcv'> = parseQuery(OhlcvQuerySchema, ctx.query);
      this.assertKnown('ohlcv', query.symbol);
      const answer = await this.router.route('ohlcv', query);
      ctx.body = { symbol: answer.data.symbol, interval: answer.data.interval, candles: answer.data.candles, ...provenance(answer) };
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

  /** 404 before any upstream call when no enabled provider maps the symbol. */
  private assertKnown(capability: Capability, symbol: string): void {
    if (!this.router.knowsSymbol(capability, symbol)) throw unknownSymbol(capability, symbol);
  }
}
