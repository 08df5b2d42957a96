import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { type Capability, type CapabilityQuery, type RouteContribution, UnknownSymbolError, isAppError, MarketRouter, type RoutedAnswer } from '../../../core/index.js';
import { NoQuerySchema, OhlcvQuerySchema, PriceQuerySchema, PricesQuerySchema, TickerQuerySchema } from './market-query-schemas.js';
import { parseQuery } from './parse-query.js';

/** Fields every routed answer carries: where it came from and how fresh it is. */
function provenance(answer: RoutedAnswer<Capability>): { source: string; cached: boolean; stale?: true } {
  return { source: answer.source, cached: answer.cached, ...(answer.stale ? { stale: true as const } : {}) };
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
      const answer = await this.router.route('price', { symbol: query.symbol });
      ctx.body = { symbol: answer.data.symbol, price: answer.data.price, timestamp: answer.data.timestamp, ...provenance(answer) };
    });

    router.get('/api/market/prices', async (ctx) => {
      const { symbols } = parseQuery(PricesQuerySchema, ctx.query);
      const settled = await Promise.allSettled(symbols.map((symbol) => this.price(symbol)));
      const prices = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const errors = settled.flatMap((result, index) => {
        if (result.status === 'fulfilled') return [];
        const error = result.reason as unknown;
        if (!isAppError(error)) throw error;
        return [{ symbol: symbols[index]!, error: { code: error.code, message: error.message } }];
      });
      if (prices.length === 0 && settled.length > 0) throw (settled[0] as PromiseRejectedResult).reason;
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

  private async price(symbol: string): Promise<Record<string, unknown>> {
    this.assertKnown('price', symbol);
    const answer = await this.router.route('price', { symbol });
    return { symbol: answer.data.symbol, price: answer.data.price, timestamp: answer.data.timestamp, ...provenance(answer) };
  }

  /** 404 before any upstream call when no enabled provider maps the symbol. */
  private assertKnown(capability: Capability, symbol: string): void {
    if (!this.router.knowsSymbol(capability, symbol)) {
      throw new UnknownSymbolError(`Unknown symbol ${symbol}: no enabled provider lists it for ${capability}`);
    }
  }
}
