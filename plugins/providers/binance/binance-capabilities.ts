import { answerEach, type BatchAnswers, type BatchFunctions, type CapabilityQuery, type OhlcvSeries, type PriceQuote, type Ticker, OHLCV_COLUMNS, saneCandle, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type UpstreamResponse, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { BinanceErrorSchema, BinanceKlinesSchema, BinanceTicker24hrSchema, BinanceTickerPriceListSchema, BinanceTickerPriceSchema } from './binance-schema.js';

/** REQUEST_WEIGHT per minute per IP (enums.md; 1200 before 2023-08-25). */
const WEIGHT_PER_MINUTE = 6000;

/** Binance answers at most 1000 klines per call. */
const MAX_KLINES = 1000;

/** Binance error codes we act on (errors.md): -1121 BAD_SYMBOL, -1003 TOO_MANY_REQUESTS. */
const BAD_SYMBOL = -1121;
const TOO_MANY_REQUESTS = -1003;

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const body = await get(upstream, '/api/v3/ticker/price', { symbol: upstream.symbolFor(symbol) });
  const parsed = upstream.parse('price answer', BinanceTickerPriceSchema, body);
  return { symbol, price: assertSanePrice(upstream, 'price', parsed.price), timestamp: upstream.nowSeconds() };
}

/**
 * `symbols=["BTCUSDT","ETHUSDT"]` (a JSON array in the query) answers an array of `{symbol, price}`.
 * One unknown symbol makes Binance refuse the whole call (-1121), which fails every symbol of it.
 */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const ids = queries.map((query) => upstream.symbolFor(query.symbol));
  const body = await get(upstream, '/api/v3/ticker/price', { symbols: JSON.stringify(ids) });
  const rows = new Map(upstream.parse('batch price answer', BinanceTickerPriceListSchema, body).map((row) => [row.symbol, row.element]));
  const timestamp = upstream.nowSeconds();
  return answerEach(queries, ({ symbol }) => {
    const id = upstream.symbolFor(symbol);
    const row = rows.get(id);
    if (row === undefined) return undefined;
    const parsed = upstream.parse(`price answer for ${id}`, BinanceTickerPriceSchema, row);
    return { symbol, price: assertSanePrice(upstream, `${id}.price`, parsed.price), timestamp };
  });
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const body = await get(upstream, '/api/v3/ticker/24hr', { symbol: upstream.symbolFor(symbol) });
  const parsed = upstream.parse('ticker answer', BinanceTicker24hrSchema, body);
  return {
    symbol,
    price: assertSanePrice(upstream, 'lastPrice', parsed.lastPrice),
    bid: optionalPrice(upstream, 'bidPrice', parsed.bidPrice),
    ask: optionalPrice(upstream, 'askPrice', parsed.askPrice),
    open24h: assertSanePrice(upstream, 'openPrice', parsed.openPrice),
    high24h: assertSanePrice(upstream, 'highPrice', parsed.highPrice),
    low24h: assertSanePrice(upstream, 'lowPrice', parsed.lowPrice),
    baseVolume24h: assertNonNegative(upstream, 'volume', parsed.volume),
    quoteVolume24h: assertNonNegative(upstream, 'quoteVolume', parsed.quoteVolume),
    change24h: parsed.priceChange ?? null,
    changePercent24h: parsed.priceChangePercent ?? null,
    timestamp: toSaneUnixSeconds(upstream, 'closeTime', parsed.closeTime),
  };
}

/** A price the answer may leave out (`type=MINI` has no bid or ask); checked when it is there. */
function optionalPrice(upstream: UpstreamClient, field: string, value: number | undefined): number | null {
  return value === undefined ? null : assertSanePrice(upstream, field, value);
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  const params = { symbol: upstream.symbolFor(symbol), interval, limit: Math.min(MAX_KLINES, Math.max(1, limit)) };
  const body = await get(upstream, '/api/v3/klines', params);
  const rows = upstream.parse('ohlcv answer', BinanceKlinesSchema, body);
  const candles = rows.map(([time, open, high, low, close, volume], index) =>
    saneCandle(upstream, { time, open, high, low, close, volume }, (field) => `[${index}][${OHLCV_COLUMNS[field]}]`),
  );
  return { symbol, interval, candles: candles.slice(-limit) };
}

/** GETs a path, reports the used weight, and types Binance's `{code, msg}` error bodies. */
async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<unknown> {
  const response = await upstream.getJson(path, params);
  reportUsedWeight(upstream, response);
  if (response.status === 200) return response.body;
  const failure = BinanceErrorSchema.safeParse(response.body);
  const upstreamStatus = response.status;
  if (!failure.success) throw upstream.error('unavailable', `HTTP ${upstreamStatus}`, { upstreamStatus });
  const { code, msg } = failure.data;
  if (code === BAD_SYMBOL) throw upstream.error('unknown_symbol', `${msg} (code ${code})`, { upstreamStatus });
  if (code === TOO_MANY_REQUESTS) throw upstream.error('rate_limited', `${msg} (code ${code})`, { upstreamStatus });
  throw upstream.error('unavailable', `HTTP ${upstreamStatus}: ${msg} (code ${code})`, { upstreamStatus });
}

/** Every answer carries the IP's used weight; passing it on lets the guard slow down before a 429. */
function reportUsedWeight(upstream: UpstreamClient, response: UpstreamResponse): void {
  const used = Number(response.headers.get('x-mbx-used-weight-1m') ?? Number.NaN);
  if (Number.isFinite(used)) upstream.reportRateLimit({ limit: WEIGHT_PER_MINUTE, remaining: Math.max(0, WEIGHT_PER_MINUTE - used) });
}

/**
 * Binance spot `/api/v3`: price from `ticker/price`, ticker from `ticker/24hr`, candles from `klines`
 * (our intervals are Binance's own names). 429/418/451 are typed by the UpstreamClient (418 is a
 * ban, 451 a geo block, not a rate limit).
 */
export const BINANCE_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/**
 * `ticker/price` with `symbols=[...]` weighs 4 (2 of our call units) whatever the count; Binance
 * documents no count limit, so 200 keeps the URL (each id quoted and escaped) near 3 KB.
 */
export const BINANCE_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: 200 }, weight: () => 2, fetch: prices } };
