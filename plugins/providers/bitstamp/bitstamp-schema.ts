import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * `GET /api/v2/ticker/btcusd/` → strings: `last`, `bid`, `ask`, `high`/`low`/`volume` over the last
 * 24 h, `open_24` the price 24 h ago (`open` is today's), `percent_change_24` in percent,
 * `timestamp` in seconds (bitstamp.ticker.json).
 */
export const BitstampTickerSchema = z.looseObject({
  last: numeric,
  bid: numeric.optional(),
  ask: numeric.optional(),
  open_24: numeric.nullish(),
  high: numeric,
  low: numeric,
  volume: numeric,
  percent_change_24: numeric.nullable(),
  timestamp: numeric,
});

/**
 * `GET /api/v2/ticker/` → an array of every pair's ticker, the fields above plus `pair` (`"BTC/USD"`)
 * (https://www.bitstamp.net/api/#tag/Tickers/operation/GetCurrencyPairTickers; no body was captured).
 * Only each row's `pair` is read here, so one bad row fails its own pair (read with
 * BitstampTickerSchema); a row without a pair names nobody and is left out.
 */
export const BitstampTickerListSchema = z.array(z.unknown()).transform((rows) =>
  rows.flatMap((element) => {
    const named = z.looseObject({ pair: z.string() }).safeParse(element);
    return named.success ? [{ pair: named.data.pair, element }] : [];
  }),
);

const OhlcRowSchema = z.looseObject({ timestamp: numeric, open: numeric, high: numeric, low: numeric, close: numeric, volume: numeric });

/** One candle of `/api/v2/ohlc`. */
export type BitstampOhlcRow = z.output<typeof OhlcRowSchema>;

/**
 * `GET /api/v2/ohlc/btcusd/?step=3600&limit=N` → `{data: {pair, ohlc: [{timestamp s, open, high, low,
 * close, volume}]}}`, all strings (bitstamp.ohlc.json).
 */
export const BitstampOhlcSchema = z.looseObject({ data: z.looseObject({ ohlc: z.array(OhlcRowSchema) }) });
