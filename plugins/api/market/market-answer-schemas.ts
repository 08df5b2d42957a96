import { z } from 'zod';
import { INTERVALS } from '../../../core/index.js';

const unixSeconds = z.int().min(0).meta({ description: 'Unix seconds' });
const positive = z.number().positive();

/** Where a routed answer came from and how fresh it is. */
const provenance = {
  source: z.string().meta({ description: 'Display name of the provider that answered, e.g. Binance' }),
  cached: z.boolean().meta({ description: 'Served from the cache rather than a fresh upstream call' }),
  stale: z.literal(true).optional().meta({ description: 'Present when every provider failed and this is the freshest cached answer within the maximum staleness' }),
};

/** The market a per-symbol answer really came from. */
const market = {
  quote: z.string().meta({ description: 'Quote of the market the answer came from: USDT when a USD request was answered from a USDT market' }),
  market: z.string().meta({ description: "The provider's own identifier of that market: BTCUSDT, XXBTZUSD, BTC-USD, btcusd, bitcoin" }),
  requestedQuote: z.string().optional().meta({ description: 'Present when another quote stood for the one asked (`markets.usdFrom`): the quote asked, e.g. USD' }),
};

/** `GET /api/market/price` (routed) and each entry of `/prices`. */
export const PriceAnswerSchema = z.strictObject({ symbol: z.string(), price: positive.meta({ description: 'In `quote`' }), timestamp: unixSeconds, ...market, ...provenance });

const ConsensusQuoteSchema = z.strictObject({ providerId: z.string(), source: z.string(), market: z.string().meta({ description: "The provider's identifier of the market quoted" }), price: positive, cached: z.boolean() });

/** `GET /api/market/price?mode=consensus`. */
export const ConsensusAnswerSchema = z.strictObject({
  mode: z.literal('consensus'),
  symbol: z.string(),
  quote: z.string().meta({ description: 'Every source quotes exactly this quote: a consensus never mixes markets' }),
  price: positive.meta({ description: 'Median of the accepted quotes, in `quote`' }),
  spreadPercent: z.number().min(0).meta({ description: '(max - min) / median of the accepted quotes, in percent' }),
  sources: z.array(ConsensusQuoteSchema),
  outliers: z.array(ConsensusQuoteSchema).meta({ description: 'Quotes rejected as too far from the median' }),
  timestamp: unixSeconds,
});

/** `GET /api/market/prices`: the prices found and, per symbol, why one was not. */
export const PricesAnswerSchema = z.strictObject({
  prices: z.array(PriceAnswerSchema),
  errors: z.array(z.strictObject({ symbol: z.string(), quote: z.string(), error: z.strictObject({ code: z.string(), message: z.string() }) })),
});

const stated = (schema: z.ZodNumber, description: string): z.ZodNullable<z.ZodNumber> =>
  schema.nullable().meta({ description: `${description}; null when the provider does not state it` });

/** `GET /api/market/ticker`: what the provider states (ccxt's unified ticker as the checklist), null for the rest. */
export const TickerAnswerSchema = z.strictObject({
  symbol: z.string(),
  price: positive.meta({ description: 'Last trade price (an aggregator: its current price), in USD' }),
  bid: stated(positive, 'Best bid'),
  ask: stated(positive, 'Best ask'),
  open24h: stated(positive, 'Price 24 h ago'),
  high24h: stated(positive, 'Highest price over 24 h'),
  low24h: stated(positive, 'Lowest price over 24 h'),
  baseVolume24h: stated(z.number().min(0), 'Volume over 24 h in the base asset'),
  quoteVolume24h: stated(z.number().min(0), 'Volume over 24 h in USD'),
  change24h: stated(z.number(), 'Price change over 24 h, in USD'),
  changePercent24h: stated(z.number(), 'Price change over 24 h in percent (1.5 means +1.5 %)'),
  timestamp: unixSeconds,
  ...market,
  ...provenance,
});

/** `GET /api/market/ohlcv`. */
export const OhlcvAnswerSchema = z.strictObject({
  symbol: z.string(),
  interval: z.enum(INTERVALS),
  candles: z
    .array(z.tuple([unixSeconds, positive, positive, positive, positive, z.number().min(0).nullable()]))
    .meta({ description: '[time, open, high, low, close, volume] in ascending time; time is the candle open; volume null when unknown' }),
  ...market,
  ...provenance,
});

/** `GET /api/market/fear-greed`. */
export const FearGreedAnswerSchema = z.strictObject({ value: z.number().min(0).max(100), classification: z.string(), timestamp: unixSeconds, ...provenance });

/** `GET /api/market/gas`. */
export const GasAnswerSchema = z.strictObject({
  safe: z.number().min(0),
  propose: z.number().min(0),
  fast: z.number().min(0),
  baseFee: z.number().min(0).nullable(),
  timestamp: unixSeconds,
  unit: z.literal('gwei'),
  ...provenance,
});

const BaseMarketsSchema = z.strictObject({
  symbol: z.string(),
  quotes: z.array(
    z.strictObject({
      quote: z.string(),
      providers: z.array(z.strictObject({ id: z.string(), name: z.string(), market: z.string().meta({ description: "The provider's identifier of the market" }) })),
    }),
  ),
});

/** `GET /api/market/markets?symbol=BNB`: the quotes BNB is listed against and who serves each. */
export const SymbolMarketsAnswerSchema = BaseMarketsSchema;

/** `GET /api/market/markets` without a symbol: every base, paged. */
export const MarketsPageAnswerSchema = z.strictObject({
  page: z.int().min(1),
  pageSize: z.int().min(1),
  total: z.int().min(0).meta({ description: 'Bases served in all' }),
  markets: z.array(BaseMarketsSchema),
});
