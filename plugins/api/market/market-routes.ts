import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { type BatchRoutedAnswer, type Capability, type RouteContribution, UnknownSymbolError, isAppError, MarketRouter, type RoutedAnswer } from '../../../core/index.js';
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

/** A routed price in the SPEC shape, with the market it came from. */
function priceBody(answer: RoutedAnswer<'price'>): Record<string, unknown> {
  return { symbol: answer.data.symbol, price: answer.data.price, timestamp: answer.data.timestamp, ...marketOf(answer), ...provenance(answer) };
}

function unknownSymbol(capability: Capability, { symbol, quote }: RequestedMarket): UnknownSymbolError {
  const market = quote === 'USD' ? symbol : `${symbol}/${quote}`;
  return new UnknownSymbolError(`Unknown symbol ${market}: no enabled provider lists it for ${capability}`);
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
    return priceBody(await this.router.route('price', asked));
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
