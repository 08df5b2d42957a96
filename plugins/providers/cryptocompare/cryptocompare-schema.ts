import { z } from 'zod';
import { numeric } from '../../../core/index.js';

const CallCountsSchema = z.looseObject({
  second: z.number().optional(),
  minute: z.number().optional(),
  hour: z.number().optional(),
  day: z.number().optional(),
  month: z.number().optional(),
});

/**
 * The error envelope CryptoCompare sends with HTTP 200: `Type` 99 for a rate limit
 * (fixture cryptocompare.error_rate_limited.json), `Type` 2 for an unknown pair
 * (cryptocompare.error_unknown_pair.json).
 */
export const CryptoCompareErrorSchema = z.looseObject({
  Response: z.literal('Error'),
  Message: z.string(),
  Type: z.number().optional(),
  /** Calls made and allowed per window; it says which limit was hit. Tolerated when malformed. */
  RateLimit: z.looseObject({ calls_made: CallCountsSchema, max_calls: CallCountsSchema }).optional().catch(undefined),
});

/** A parsed error envelope. */
export type CryptoCompareError = z.output<typeof CryptoCompareErrorSchema>;

/**
 * `GET /data/price?fsym=BTC&tsyms=USD` → `{"USD": 4069.35}` (cryptocompare.price.json), keyed by each
 * `tsyms` code (`tsyms=USD,EUR` → `{"USD": 1100.24, "EUR": 1039.63}`, the `price()` example of the
 * cryptocompare client, https://npmjs.com/package/cryptocompare); also one entry of `pricemulti`.
 * `tryConversion=false` answers only pairs traded directly, no conversion through BTC (same docs).
 * Reads the price in `tsym`, named `EUR` when missing.
 */
export function cryptoComparePriceSchema(tsym: string): z.ZodType<number, unknown> {
  return z.looseObject({ [tsym]: numeric }).transform((entry) => entry[tsym] as number);
}

/**
 * `GET /data/pricemulti?fsyms=BTC,ETH&tsyms=USD` → `{"BTC":{"USD":2561.88},"ETH":{...}}`, one key per `tsyms` code in each
 * (cryptocompare.pricemulti.json; https://min-api.cryptocompare.com/documentation?key=Price&cat=multipleSymbolsPriceEndpoint, `fsyms` at most 300 characters). Read as a record of anything, so one bad
 * entry fails its own symbol only (each is read with cryptoComparePriceSchema).
 */
export const CryptoComparePriceMultiSchema = z.record(z.string(), z.unknown());

const RawTickerSchema = z.looseObject({
  PRICE: numeric,
  OPEN24HOUR: numeric.optional(),
  /** Quote-currency (USD) volume; `VOLUME24HOUR` is the base asset's. */
  VOLUME24HOURTO: numeric.optional(),
  CHANGE24HOUR: numeric.optional(),
  CHANGEPCT24HOUR: numeric,
  HIGH24HOUR: numeric,
  LOW24HOUR: numeric,
  VOLUME24HOUR: numeric,
  LASTUPDATE: numeric,
});

/**
 * `GET /data/pricemultifull?fsyms=BTC&tsyms=USD` → `RAW.BTC.USD.{PRICE, CHANGEPCT24HOUR (percent),
 * OPEN24HOUR, HIGH24HOUR, LOW24HOUR, VOLUME24HOUR (base asset), VOLUME24HOURTO (quote), CHANGE24HOUR, LASTUPDATE (s)}`
 * (cryptocompare.pricemultifull.json), keyed by coin then by `tsyms` code. Built per pair so a
 * missing field is reported as `RAW.BTC.EUR.PRICE`; answers the pair's RAW entry.
 */
export function pricemultifullSchema(fsym: string, tsym: string): z.ZodType<z.output<typeof RawTickerSchema>, unknown> {
  return z.looseObject({ RAW: z.looseObject({ [fsym]: z.looseObject({ [tsym]: RawTickerSchema }) }) }).transform((body) => body.RAW[fsym]![tsym]!);
}

const HistoRowSchema = z.looseObject({
  time: numeric,
  open: numeric,
  high: numeric,
  low: numeric,
  close: numeric,
  /** Volume in the base asset (`volumeto` is in USD). */
  volumefrom: numeric,
});

/** One row of `/data/v2/histo*`. */
export type HistoRow = z.output<typeof HistoRowSchema>;

/**
 * `/data/v2/histohour|histoday|histominute` → `Data.Data[{time, high, low, open, volumefrom, volumeto,
 * close, ...}]` (documented in FACTS.md; no v2 body was captured). The legacy v1 `/data/histohour`
 * (cryptocompare.histohour_v1.json) has the rows directly in `Data`; both are accepted.
 */
export function histoSchemaFor(body: unknown): z.ZodType<HistoRow[]> {
  const legacy = typeof body === 'object' && body !== null && Array.isArray((body as { Data?: unknown }).Data);
  if (legacy) return z.looseObject({ Data: z.array(HistoRowSchema) }).transform((parsed) => parsed.Data);
  return z.looseObject({ Data: z.looseObject({ Data: z.array(HistoRowSchema) }) }).transform((parsed) => parsed.Data.Data);
}
