import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import { MarketCatalogue, type RouteContribution, UnknownSymbolError } from '../../../core/index.js';
import { MarketsQuerySchema } from './market-query-schemas.js';
import { parseQuery } from './parse-query.js';

/** One base's markets: each quote it is listed against and the providers serving it, with their market ids. */
interface BaseMarkets {
  symbol: string;
  quotes: { quote: string; providers: { id: string; name: string; market: string }[] }[];
}

/** `GET /api/market/markets`: what the providers' discovered (or built-in) lists serve. */
@injectable()
export class MarketsRoutes implements RouteContribution {
  constructor(@inject(MarketCatalogue) private readonly catalogue: MarketCatalogue) {}

  registerRoutes(router: Router): void {
    router.get('/api/market/markets', (ctx) => {
      const { symbol, page, pageSize } = parseQuery(MarketsQuerySchema, ctx.query);
      if (symbol !== undefined) {
        const markets = this.marketsOf(symbol);
        if (markets.quotes.length === 0) throw new UnknownSymbolError(`Unknown symbol ${symbol}: no enabled provider lists it`);
        ctx.body = markets;
        return;
      }
      const bases = this.catalogue.bases();
      const shown = bases.slice((page - 1) * pageSize, page * pageSize);
      ctx.body = { page, pageSize, total: bases.length, markets: shown.map((base) => this.marketsOf(base)) };
    });
  }

  private marketsOf(symbol: string): BaseMarkets {
    const quotes = [...this.catalogue.quotesOf(symbol)].map(([quote, servers]) => ({
      quote,
      providers: servers.map((server) => ({ id: server.providerId, name: server.name, market: server.id })),
    }));
    return { symbol, quotes };
  }
}
