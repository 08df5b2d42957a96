import { z } from 'zod';
import { INTERVALS } from '../../../core/index.js';

/** A base ticker, case-insensitive on the way in, upper-case on the way out (`eth` → `ETH`). */
export const MarketSymbolSchema = z
  .string({ error: 'is required' })
  .trim()
  .regex(/^[A-Za-z0-9]{1,15}$/, 'expected a ticker of 1 to 15 letters or digits, such as BTC')
  .meta({ description: 'Base ticker, case-insensitive: BTC, eth' })
  .transform((value) => value.toUpperCase());

/** Most symbols one `/prices` request may ask for: providers answer them in batches, so 250 costs about one upstream call per provider. */
export const MAX_SYMBOLS_PER_REQUEST = 250;
/** Most candles one `/ohlcv` request may ask for. */
export const MAX_CANDLES = 500;

/** `GET /api/market/price` */
export const PriceQuerySchema = z.strictObject({
  symbol: MarketSymbolSchema,
  mode: z
    .enum(['routed', 'consensus'], { error: 'expected "routed" or "consensus"' })
    .default('routed')
    .meta({ description: '`routed`: one provider by weighted rotation; `consensus`: the median of several healthy providers' }),
});

/** `GET /api/market/prices` */
export const PricesQuerySchema = z.strictObject({
  symbols: z
    .string({ error: 'is required' })
    .transform((value) => [...new Set(value.split(',').map((part) => part.trim()).filter((part) => part !== ''))])
    .pipe(
      z
        .array(MarketSymbolSchema)
        .min(1, 'expected at least one symbol, such as BTC,ETH')
        .max(MAX_SYMBOLS_PER_REQUEST, `at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request`),
    )
    .meta({ description: `Comma-separated base tickers, at most ${MAX_SYMBOLS_PER_REQUEST}: BTC,ETH` }),
});

/** `GET /api/market/ticker` */
export const TickerQuerySchema = z.strictObject({ symbol: MarketSymbolSchema });

/** `GET /api/market/ohlcv` */
export const OhlcvQuerySchema = z.strictObject({
  symbol: MarketSymbolSchema,
  interval: z
    .enum(INTERVALS, { error: `expected one of ${INTERVALS.join(', ')}` })
    .default('1h')
    .meta({ description: 'Candle width' }),
  limit: z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(MAX_CANDLES, `must be at most ${MAX_CANDLES}`))
    .default(24)
    .meta({ description: `Candles, 1 to ${MAX_CANDLES} (default 24)` }),
});

/** `GET /api/market/fear-greed` and `/gas` take no parameters. */
export const NoQuerySchema = z.strictObject({});
