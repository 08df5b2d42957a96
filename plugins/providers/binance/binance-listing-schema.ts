import { z } from 'zod';

/**
 * `GET /api/v3/exchangeInfo` → `{timezone, serverTime, rateLimits, exchangeFilters, symbols: [{symbol:
 * "BNBBTC", status: "TRADING", baseAsset: "BNB", quoteAsset: "BTC", isSpotTradingAllowed: true, ...}]}`;
 * `status` is TRADING, BREAK, HALT... (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information).
 */
export const BinanceExchangeInfoSchema = z.looseObject({
  symbols: z.array(
    z.looseObject({
      symbol: z.string().min(1),
      status: z.string(),
      baseAsset: z.string(),
      quoteAsset: z.string(),
      isSpotTradingAllowed: z.boolean().optional(),
    }),
  ),
});
