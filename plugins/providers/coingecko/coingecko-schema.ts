import { z } from 'zod';
import { isoDate, numeric } from '../../../core/index.js';

/**
 * CoinGecko's error bodies: `{"status":{"error_code":429,"error_message":...}}`
 * (coingecko.error_429.json) and `{"error":"Could not find coin with the given id"}`
 * (coingecko.error_coin_not_found.json).
 */
export const CoinGeckoErrorSchema = z.union([
  z.looseObject({ status: z.looseObject({ error_code: z.number(), error_message: z.string() }) }).transform((body) => ({
    code: body.status.error_code,
    message: body.status.error_message,
  })),
  z.looseObject({ error: z.string() }).transform((body) => ({ code: undefined, message: body.error })),
]);

/**
 * `GET /simple/price?ids=bitcoin,ethereum&vs_currencies=usd&include_last_updated_at=true` → one entry
 * per known id, same shape (https://docs.coingecko.com/v3.0.1/reference/simple-price). Read as a
 * record of anything first, so one bad entry fails its own id only (read with SimplePriceEntrySchema).
 */
export const SimplePriceListSchema = z.record(z.string(), z.unknown());

/** One id's entry of `/simple/price`. */
export const SimplePriceEntrySchema = z.looseObject({ usd: numeric, last_updated_at: numeric.optional() });

/**
 * `GET /simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true` →
 * `{"bitcoin":{"usd":67187.33,"last_updated_at":1711356300}}` (coingecko.simple_price.json,
 * coingecko.simple_price_min.json). Unknown ids are dropped: `{}` (coingecko.simple_price_unknown_id.json).
 */
export const SimplePriceSchema = z.record(z.string(), SimplePriceEntrySchema);

/**
 * `GET /coins/markets?vs_currency=usd&ids=bitcoin` → one object per known id
 * (coingecko.coins_markets.json); `price_change_24h` is in USD, `price_change_percentage_24h` in
 * percent, `total_volume` in USD.
 */
export const CoinsMarketsSchema = z.array(
  z.looseObject({
    id: z.string(),
    current_price: numeric,
    high_24h: numeric,
    low_24h: numeric,
    total_volume: numeric,
    price_change_24h: numeric.nullish(),
    price_change_percentage_24h: numeric.nullable(),
    last_updated: isoDate,
  }),
);

/**
 * `GET /coins/{id}/ohlc?vs_currency=usd&days=7` → `[[closeTimeMs, open, high, low, close], ...]`, no volume
 * (coingecko.coins_ohlc.json docs example, coingecko.coins_ohlc_recorded.json recorded).
 */
export const CoinsOhlcSchema = z.array(z.tuple([numeric, numeric, numeric, numeric, numeric], z.unknown()));
