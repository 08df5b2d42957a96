import { z } from 'zod';
import { INTERVALS } from '../../../core/index.js';

/** What a `symbol` parameter names: a base ticker, and a quote when written as a market. */
export interface SymbolNotation {
  base: string;
  /** From `BTC/USDT` or `BTC-USD`; absent for a bare ticker. */
  quote?: string;
}

const CODE = '[A-Za-z0-9]{1,15}';
const NOTATION = new RegExp(`^${CODE}([/-]${CODE})?$`);

/** A parsed symbol: `eth` → ETH; `btc/usdt` and `BTC-USDT` → BTC quoted in USDT. */
function readNotation(value: string): SymbolNotation {
  const [base, quote] = value.toUpperCase().split(/[/-]/) as [string, string?];
  return quote === undefined ? { base } : { base, quote };
}

/** A symbol in any accepted notation, case-insensitive. */
const symbol = z
  .string({ error: 'is required' })
  .trim()
  .regex(NOTATION, 'expected a ticker such as BTC, or a market such as BTC/USDT or BTC-USD (1 to 15 letters or digits each)')
  .meta({ description: 'Base ticker, case-insensitive (BTC, eth), or a market: BTC/USDT, BTC-USD' })
  .transform(readNotation);

/** The `quote` parameter: any quote the providers list, case-insensitive. */
const quote = z
  .string()
  .trim()
  .regex(new RegExp(`^${CODE}$`), 'expected a currency code of 1 to 15 letters or digits, such as USD, USDT, EUR or BTC')
  .transform((value) => value.toUpperCase())
  .optional()
  .meta({ description: 'Quote currency: USD (default), USDT, USDC, EUR, GBP, BTC, ETH... any quote the providers list; a USD request may be answered from a USDT or USDC market, which the answer says' });

/** A bare base ticker, case-insensitive on the way in, upper-case on the way out (`eth` → `ETH`): `/markets` and the WebSocket stream. */
export const MarketSymbolSchema = z
  .string({ error: 'is required' })
  .trim()
  .regex(new RegExp(`^${CODE}$`), 'expected a ticker of 1 to 15 letters or digits, such as BTC')
  .meta({ description: 'Base ticker, case-insensitive: BTC, eth' })
  .transform((value) => value.toUpperCase());

/** Most symbols one `/prices` request may ask for: providers answer them in batches, so 250 costs about one upstream call per provider. */
export const MAX_SYMBOLS_PER_REQUEST = 250;
/** Most candles one `/ohlcv` request may ask for. */
export const MAX_CANDLES = 500;
/** Most bases one `/markets` page lists. */
export const MAX_MARKETS_PAGE_SIZE = 200;

const wholeNumber = (min: number, max: number, fallback: number, description: string): z.ZodType<number, string | undefined> =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback)
    .meta({ description });

/** `GET /api/market/price` */
export const PriceQuerySchema = z.strictObject({
  symbol,
  quote,
  mode: z
    .enum(['routed', 'consensus'], { error: 'expected "routed" or "consensus"' })
    .default('routed')
    .meta({ description: '`routed`: one provider by weighted rotation; `consensus`: the median of several healthy providers, from markets in exactly the quote asked' }),
});

/** `GET /api/market/prices` */
export const PricesQuerySchema = z.strictObject({
  symbols: z
    .string({ error: 'is required' })
    .transform((value) => [...new Set(value.split(',').map((part) => part.trim()).filter((part) => part !== ''))])
    .pipe(
      z
        .array(symbol)
        .min(1, 'expected at least one symbol, such as BTC,ETH')
        .max(MAX_SYMBOLS_PER_REQUEST, `at most ${MAX_SYMBOLS_PER_REQUEST} symbols per request`),
    )
    .meta({ description: `Comma-separated tickers or markets, at most ${MAX_SYMBOLS_PER_REQUEST}: BTC,ETH,SOL/EUR` }),
  quote,
});

/** `GET /api/market/ticker` */
export const TickerQuerySchema = z.strictObject({ symbol, quote });

/** `GET /api/market/ohlcv` */
export const OhlcvQuerySchema = z.strictObject({
  symbol,
  quote,
  interval: z
    .enum(INTERVALS, { error: `expected one of ${INTERVALS.join(', ')}` })
    .default('1h')
    .meta({ description: 'Candle width' }),
  limit: wholeNumber(1, MAX_CANDLES, 24, `Candles, 1 to ${MAX_CANDLES} (default 24)`),
});

/** `GET /api/market/markets` */
export const MarketsQuerySchema = z.strictObject({
  symbol: MarketSymbolSchema.optional().meta({ description: 'Base ticker, case-insensitive: the quotes it is listed against and who serves each; without it, every base, paged' }),
  page: wholeNumber(1, 100_000, 1, 'Page of bases, from 1 (without `symbol`)'),
  pageSize: wholeNumber(1, MAX_MARKETS_PAGE_SIZE, 50, `Bases per page, 1 to ${MAX_MARKETS_PAGE_SIZE} (default 50)`),
});

/** `GET /api/market/fear-greed` and `/gas` take no parameters. */
export const NoQuerySchema = z.strictObject({});
