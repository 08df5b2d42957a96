import { z } from 'zod';
import { isoDate, numeric } from '../../../core/index.js';

/** Coinbase Exchange's error body `{"message": "NotFound"}` (ccxt's coinbaseexchange error map, FACTS.md). */
export const CoinbaseErrorSchema = z.looseObject({ message: z.string() });

/**
 * `GET /products/BTC-USD/ticker` → `{ask, bid, volume, trade_id, price, size, time, rfq_volume}`,
 * strings and an ISO time (coinbase_exchange.product_ticker.json).
 */
export const CoinbaseProductTickerSchema = z.looseObject({
  price: numeric,
  time: isoDate,
});

/**
 * `GET /products/BTC-USD/stats` → rolling 24 h `{open, high, low, last, volume, volume_30day}`, volume
 * in the base asset (docs.cdp.coinbase.com "Get product stats"; no body was captured).
 */
export const CoinbaseProductStatsSchema = z.looseObject({
  open: numeric,
  high: numeric,
  low: numeric,
  last: numeric,
  volume: numeric,
});

/**
 * `GET /products/BTC-USD/candles?granularity=3600` → rows `[time s, LOW, HIGH, OPEN, CLOSE, volume]`,
 * numbers, in that unusual order (coinbase_exchange.candles.json).
 */
export const CoinbaseCandlesSchema = z.array(z.tuple([numeric, numeric, numeric, numeric, numeric, numeric], z.unknown()));
