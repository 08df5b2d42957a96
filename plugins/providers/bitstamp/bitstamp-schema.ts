import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * `GET /api/v2/ticker/btcusd/` → strings: `last`, `high`/`low`/`volume` over the last 24 h,
 * `percent_change_24` in percent, `timestamp` in seconds (bitstamp.ticker.json).
 */
export const BitstampTickerSchema = z.looseObject({
  last: numeric,
  high: numeric,
  low: numeric,
  volume: numeric,
  percent_change_24: numeric.nullable(),
  timestamp: numeric,
});

const OhlcRowSchema = z.looseObject({ timestamp: numeric, open: numeric, high: numeric, low: numeric, close: numeric, volume: numeric });

/** One candle of `/api/v2/ohlc`. */
export type BitstampOhlcRow = z.output<typeof OhlcRowSchema>;

/**
 * `GET /api/v2/ohlc/btcusd/?step=3600&limit=N` → `{data: {pair, ohlc: [{timestamp s, open, high, low,
 * close, volume}]}}`, all strings (bitstamp.ohlc.json).
 */
export const BitstampOhlcSchema = z.looseObject({ data: z.looseObject({ ohlc: z.array(OhlcRowSchema) }) });
