import { injectable } from 'inversify';
import type { z } from 'zod';
import type { ApiOperation, ApiResponse, OpenApiContribution } from '../openapi/index.js';
import { ConsensusAnswerSchema, FearGreedAnswerSchema, GasAnswerSchema, MarketsPageAnswerSchema, OhlcvAnswerSchema, PriceAnswerSchema, PricesAnswerSchema, SymbolMarketsAnswerSchema, TickerAnswerSchema } from './market-answer-schemas.js';
import { MarketsQuerySchema, NoQuerySchema, OhlcvQuerySchema, PriceQuerySchema, PricesQuerySchema, TickerQuerySchema } from './market-query-schemas.js';

const BAD_REQUEST: ApiResponse = { description: 'A parameter is invalid; the message names it', error: true };
const UNKNOWN_SYMBOL: ApiResponse = { description: 'No enabled provider lists the symbol', error: true };
const UNAVAILABLE: ApiResponse = { description: 'No provider can answer now (Retry-After says when to try again)', error: true };

/** The market API's operations for `/api/openapi.json`, from the schemas its routes validate with and answer in. */
@injectable()
export class MarketApiDocs implements OpenApiContribution {
  operations(): readonly ApiOperation[] {
    const market = (path: string, operationId: string, summary: string, query: ApiOperation['query'], answer: z.ZodType, bySymbol = true): ApiOperation => {
      const responses: Record<number, ApiResponse> = { 200: { description: 'The answer and where it came from', schema: answer }, 400: BAD_REQUEST, 503: UNAVAILABLE };
      if (bySymbol) responses[404] = UNKNOWN_SYMBOL;
      return { method: 'get', path, operationId, summary, tags: ['market'], query, responses };
    };
    return [
      market('/api/market/price', 'getPrice', 'Spot price in the quote asked (USD by default), from one provider by weighted rotation, or the consensus of several', PriceQuerySchema, PriceAnswerSchema.or(ConsensusAnswerSchema)),
      market('/api/market/prices', 'getPrices', 'Spot prices of several symbols at once; a symbol that fails is listed in `errors`', PricesQuerySchema, PricesAnswerSchema),
      market('/api/market/ticker', 'getTicker', '24 h ticker: price, change, high, low, volume', TickerQuerySchema, TickerAnswerSchema),
      market('/api/market/ohlcv', 'getOhlcv', 'OHLCV candles', OhlcvQuerySchema, OhlcvAnswerSchema),
      {
        method: 'get',
        path: '/api/market/markets',
        operationId: 'getMarkets',
        summary: 'Which quotes a symbol is listed against and which providers serve each (without `symbol`: every base, paged)',
        tags: ['market'],
        query: MarketsQuerySchema,
        responses: {
          200: { description: 'The markets, from the providers\' discovered (or built-in) lists', schema: SymbolMarketsAnswerSchema.or(MarketsPageAnswerSchema) },
          400: BAD_REQUEST,
          404: UNKNOWN_SYMBOL,
        },
      },
      market('/api/market/fear-greed', 'getFearGreed', 'The Crypto Fear & Greed index', NoQuerySchema, FearGreedAnswerSchema, false),
      market('/api/market/gas', 'getGas', 'Ethereum gas prices in gwei', NoQuerySchema, GasAnswerSchema, false),
    ];
  }
}
