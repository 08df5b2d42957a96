import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/** The pubticker body for one base asset. */
export interface GeminiPubticker {
  last: number;
  bid?: number | undefined;
  ask?: number | undefined;
  /** 24 h volume by currency code (the base's and the quote's), plus `timestamp` (ms). */
  volume: Record<string, number>;
}

/**
 * `GET /v1/pubticker/btcusd` → `{bid, ask, last, volume: {BTC, USD, timestamp ms}}`: strings, the
 * 24 h volume keyed by the base and quote codes (gemini.pubticker.json). Built per base asset so a
 * missing volume is reported as `volume.BTC`.
 */
export function pubtickerSchemaFor(base: string): z.ZodType<GeminiPubticker> {
  return z.looseObject({ last: numeric, bid: numeric.optional(), ask: numeric.optional(), volume: z.object({ [base]: numeric, timestamp: numeric }).catchall(numeric) });
}

/**
 * `GET /v2/ticker/btcusd` → `{symbol, open, high, low, close, changes: [24 hourly prices], bid, ask}`,
 * strings, `open` being the price 24 h ago (Gemini docs "Ticker V2"; no body was captured).
 */
export const GeminiTickerV2Schema = z.looseObject({ open: numeric, high: numeric, low: numeric, close: numeric });

/**
 * `GET /v2/candles/btcusd/1hr` → rows `[time ms, open, high, low, close, volume]`, numbers
 * (gemini.candles.json).
 */
export const GeminiCandlesSchema = z.array(z.tuple([numeric, numeric, numeric, numeric, numeric, numeric], z.unknown()));

/**
 * `GET /v1/pricefeed` → `[{"pair":"BTCUSD","price":"9500.00","percentChange24h":"-0.0168"}, ...]`,
 * every pair, strings, the change as a fraction (https://docs.gemini.com/rest/market-data "List
 * Prices"; no body was captured). Only each row's `pair` is read here, so one bad row fails its own
 * pair (read with GeminiPriceFeedEntrySchema); a row without a pair names nobody and is left out.
 */
export const GeminiPriceFeedSchema = z.array(z.unknown()).transform((rows) =>
  rows.flatMap((element) => {
    const named = z.looseObject({ pair: z.string() }).safeParse(element);
    return named.success ? [{ pair: named.data.pair, element }] : [];
  }),
);

/** One row of `/v1/pricefeed`. */
export const GeminiPriceFeedEntrySchema = z.looseObject({ pair: z.string(), price: numeric });

/** Gemini's error body `{"result": "error", "reason": "InvalidSymbol", "message": ...}` (Gemini docs; not in the fixtures). */
export const GeminiErrorSchema = z.looseObject({ result: z.literal('error'), reason: z.string(), message: z.string().optional() });
