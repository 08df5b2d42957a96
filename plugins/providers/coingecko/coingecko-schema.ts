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

/**
 * One id's entry of `/simple/price` read in one currency: a price per currency asked, keyed by its
 * lower-case `vs_currency` (`{"usd": 67187.33, "last_updated_at": 1711356300}`,
 * coingecko.simple_price.json, whose notes say the keys follow `vs_currencies`). A missing or
 * non-numeric price is named by its currency (`eur`).
 */
export function simplePriceEntrySchema(vs: string): z.ZodType<{ price: number; last_updated_at?: number | undefined }, unknown> {
  return z.looseObject({ [vs]: numeric, last_updated_at: numeric.optional() }).transform((entry) => ({ price: entry[vs] as number, last_updated_at: entry.last_updated_at }));
}

/**
 * `GET /simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true` →
 * `{"bitcoin":{"usd":67187.33,"last_updated_at":1711356300}}` (coingecko.simple_price.json,
 * coingecko.simple_price_min.json). Unknown ids are dropped: `{}` (coingecko.simple_price_unknown_id.json).
 * `vs_currencies` takes any code of `/simple/supported_vs_currencies`
 * (https://docs.coingecko.com/v3.0.1/reference/simple-supported-currencies: `btc`, `eth`, `usd`, `eur`, `gbp`, ...).
 */
export function simplePriceSchema(vs: string): z.ZodType<Record<string, z.output<ReturnType<typeof simplePriceEntrySchema>>>, unknown> {
  return z.record(z.string(), simplePriceEntrySchema(vs));
}

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
