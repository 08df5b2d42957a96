import { numeric } from 'crypto-datasource';
import { z } from 'zod';

/** `GET /api/v1/ticker/{SYMBOL}` → `{"data":{"last":"67187.33","ts":1711356300}}`. */
export const ExampleTickerSchema = z.looseObject({ data: z.looseObject({ last: numeric, ts: numeric }) });

/** `GET /api/v1/stats/{SYMBOL}` → `{"data":{"last","high","low","volume","changePercent","ts"}}`, numbers as strings. */
export const ExampleStatsSchema = z.looseObject({
  data: z.looseObject({ last: numeric, high: numeric, low: numeric, volume: numeric, changePercent: numeric, ts: numeric }),
});
