import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * Every Kraken answer: `{"error": [...], "result": {...}}`. Errors arrive here, usually with HTTP
 * 200: `["EQuery:Unknown asset pair"]` (kraken.error_unknown_pair.json, `result` absent),
 * `["EGeneral:Too many requests"]` (kraken.error_rate_limited.json).
 */
export const KrakenEnvelopeSchema = z.looseObject({
  error: z.array(z.string()),
  result: z.record(z.string(), z.unknown()).optional(),
});

/** `[today, last 24 hours]` pairs of the ticker. */
const TodayAnd24h = z.tuple([numeric, numeric], z.unknown());

/** One pair's entry of `/Ticker`: `c` last trade, `v`/`h`/`l` `[today, 24 h]`, `a`/`b` best ask and bid. */
export const KrakenTickerEntrySchema = z.looseObject({
  /** Last trade `[price, lot volume]`. */
  c: z.tuple([numeric], z.unknown()),
  /** Best ask and bid `[price, whole lot volume, lot volume]`. */
  a: z.tuple([numeric], z.unknown()).optional(),
  b: z.tuple([numeric], z.unknown()).optional(),
  v: TodayAnd24h,
  h: TodayAnd24h,
  l: TodayAnd24h,
});

/** One pair of `GET /0/public/Ticker?pair=`. */
export type KrakenTickerEntry = z.output<typeof KrakenTickerEntrySchema>;

/**
 * `GET /0/public/Ticker?pair=XXBTZUSD` → `result.<pair>.{a, b, c, v, p, t, l, h, o}`, strings except
 * `t` (kraken.ticker.json). Built per pair so a missing field is reported as `result.XXBTZUSD.h`.
 */
export function tickerSchemaFor(pair: string): z.ZodType<{ result: Record<string, KrakenTickerEntry> }> {
  return z.looseObject({ result: z.looseObject({ [pair]: KrakenTickerEntrySchema }) });
}

/**
 * `GET /0/public/Ticker?pair=XXBTZUSD,XETHZUSD` → `result.<pair>` for every pair asked, same entries
 * (https://docs.kraken.com/api/docs/rest-api/get-ticker-information: `pair` is a comma-separated
 * list). Read as a record of anything, so one bad entry fails its own pair only.
 */
export const KrakenTickerListSchema = z.looseObject({ result: z.record(z.string(), z.unknown()) });

/** One OHLC row: `[time s, open, high, low, close, vwap, volume, count]`. */
const OhlcRowSchema = z.tuple([numeric, numeric, numeric, numeric, numeric, numeric, numeric], z.unknown());

/** One row of `GET /0/public/OHLC`. */
export type KrakenOhlcRow = z.output<typeof OhlcRowSchema>;

/**
 * `GET /0/public/OHLC?pair=&interval=<minutes>` → `result.<pair>` ascending rows (at most the 720
 * most recent; the last one is still open) plus `result.last` (kraken.ohlc.json).
 */
export function ohlcSchemaFor(pair: string): z.ZodType<{ result: Record<string, KrakenOhlcRow[]> }> {
  return z.looseObject({ result: z.looseObject({ [pair]: z.array(OhlcRowSchema) }) });
}
