import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * Binance's error body `{"code": -1121, "msg": "Invalid symbol."}` (binance.error_invalid_symbol.json;
 * also the 429/418 bodies with code -1003 and the 451 body with code 0).
 */
export const BinanceErrorSchema = z.looseObject({ code: z.number(), msg: z.string() });

/** `GET /api/v3/ticker/price?symbol=BTCUSDT` → `{"symbol":"LTCBTC","price":"4.00000200"}` (binance.ticker_price.json). */
export const BinanceTickerPriceSchema = z.looseObject({ symbol: z.string(), price: numeric });

/**
 * `GET /api/v3/ticker/price?symbols=["BTCUSDT","ETHUSDT"]` → `[{"symbol":"BTCUSDT","price":"..."}, ...]`
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#symbol-price-ticker;
 * weight 4 for `symbols`). Only the array and each row's `symbol` are read here, so one bad row fails
 * its own symbol (each row is then read with BinanceTickerPriceSchema), never the others; a row
 * without a symbol names nobody and is left out.
 */
export const BinanceTickerPriceListSchema = z.array(z.unknown()).transform((rows) =>
  rows.flatMap((element) => {
    const named = z.looseObject({ symbol: z.string() }).safeParse(element);
    return named.success ? [{ symbol: named.data.symbol, element }] : [];
  }),
);

/**
 * `GET /api/v3/ticker/24hr?symbol=BTCUSDT`: prices are strings, `priceChangePercent` is already in
 * percent, `volume` is in the base asset and `quoteVolume` in the quote, `closeTime` is in ms and
 * arrives as a number (docs, binance.ticker_24hr.docs.json) or a string (ccxt recording,
 * binance.ticker_24hr.json). The `MINI` type has no bid, ask or change, so those are optional
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#24hr-ticker-price-change-statistics).
 */
export const BinanceTicker24hrSchema = z.looseObject({
  lastPrice: numeric,
  bidPrice: numeric.optional(),
  askPrice: numeric.optional(),
  openPrice: numeric,
  highPrice: numeric,
  lowPrice: numeric,
  volume: numeric,
  quoteVolume: numeric,
  priceChange: numeric.optional(),
  priceChangePercent: numeric.optional(),
  closeTime: numeric,
});

/**
 * `GET /api/v3/klines?symbol=&interval=&limit=` → ascending rows `[openTime ms, open, high, low, close,
 * volume, closeTime, quoteVolume, trades, takerBase, takerQuote, "0"]` (binance.klines.json).
 */
export const BinanceKlinesSchema = z.array(z.tuple([numeric, numeric, numeric, numeric, numeric, numeric], z.unknown()));
