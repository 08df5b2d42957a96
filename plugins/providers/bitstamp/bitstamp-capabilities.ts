import { answerEach, type BatchAnswers, type BatchFunctions, isProviderError, type ProviderError, type Candle, type CapabilityQuery, type Interval, type OhlcvSeries, type PriceQuote, type Ticker, saneCandle, type CandleField, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type UpstreamResponse, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { BitstampOhlcSchema, BitstampTickerListSchema, BitstampTickerSchema, type BitstampOhlcRow } from './bitstamp-schema.js';

/** Bitstamp's OHLC `step` is in seconds. */
const STEP_SECONDS: Readonly<Record<Interval, number>> = { '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14400, '1d': 86400 };

/** Bitstamp answers at most 1000 candles per call. */
const MAX_OHLC_LIMIT = 1000;

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const body = await get(upstream, `/ticker/${pair(upstream, symbol)}/`, {});
  const parsed = upstream.parse('price answer', BitstampTickerSchema, body);
  return { symbol, price: assertSanePrice(upstream, 'last', parsed.last), timestamp: toSaneUnixSeconds(upstream, 'timestamp', parsed.timestamp) };
}

/** `/ticker/` (no pair) answers every pair's ticker at once, each naming its pair `BTC/USD`; our map holds `btcusd`. */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const body = await get(upstream, '/ticker/', {});
  const rows = new Map(upstream.parse('all tickers answer', BitstampTickerListSchema, body).map((row) => [row.pair.replace('/', '').toLowerCase(), row.element]));
  return answerEach(queries, ({ symbol }) => {
    const pair = upstream.symbolFor(symbol);
    const row = rows.get(pair);
    if (row === undefined) return undefined;
    const parsed = upstream.parse(`ticker answer for ${pair}`, BitstampTickerSchema, row);
    return { symbol, price: assertSanePrice(upstream, `${pair}.last`, parsed.last), timestamp: toSaneUnixSeconds(upstream, `${pair}.timestamp`, parsed.timestamp) };
  });
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const body = await get(upstream, `/ticker/${pair(upstream, symbol)}/`, {});
  const parsed = upstream.parse('ticker answer', BitstampTickerSchema, body);
  // `open` is today's open; `open_24` the price 24 h ago. No quote volume nor absolute change is stated.
  return {
    symbol,
    price: assertSanePrice(upstream, 'last', parsed.last),
    bid: parsed.bid === undefined ? null : assertSanePrice(upstream, 'bid', parsed.bid),
    ask: parsed.ask === undefined ? null : assertSanePrice(upstream, 'ask', parsed.ask),
    open24h: parsed.open_24 == null ? null : assertSanePrice(upstream, 'open_24', parsed.open_24),
    high24h: assertSanePrice(upstream, 'high', parsed.high),
    low24h: assertSanePrice(upstream, 'low', parsed.low),
    baseVolume24h: assertNonNegative(upstream, 'volume', parsed.volume),
    quoteVolume24h: null,
    change24h: null,
    changePercent24h: parsed.percent_change_24,
    timestamp: toSaneUnixSeconds(upstream, 'timestamp', parsed.timestamp),
  };
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  const params = { step: STEP_SECONDS[interval], limit: Math.min(MAX_OHLC_LIMIT, Math.max(1, limit)) };
  const body = await get(upstream, `/ohlc/${pair(upstream, symbol)}/`, params);
  const rows = upstream.parse('ohlcv answer', BitstampOhlcSchema, body).data.ohlc;
  const candles = rows.map((row, index) => candle(upstream, row, index)).sort((a, b) => a[0] - b[0]);
  return { symbol, interval, candles: candles.slice(-limit) };
}

function candle(upstream: UpstreamClient, row: BitstampOhlcRow, index: number): Candle {
  // Bitstamp calls the open time `timestamp`.
  const path = (field: CandleField): string => `data.ohlc[${index}].${field === 'time' ? 'timestamp' : field}`;
  return saneCandle(upstream, { ...row, time: row.timestamp }, path);
}

function pair(upstream: UpstreamClient, symbol: string): string {
  return encodeURIComponent(upstream.symbolFor(symbol));
}

/** GETs a path; a 404 (even an HTML one) is an unknown pair, any other non-200 is unavailable unless it says "rate limit". */
async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<unknown> {
  let response: UpstreamResponse;
  try {
    response = await upstream.getJson(path, params);
  } catch (error) {
    if (isProviderError(error, 'malformed_body') && error.upstreamStatus === 404) throw unknownPair(upstream, path);
    throw error;
  }
  if (response.status === 404) throw unknownPair(upstream, path);
  if (response.status !== 200) {
    const upstreamStatus = response.status;
    const detail = JSON.stringify(response.body).slice(0, 200);
    // Bitstamp's rate-limit body is only known from third parties; its wording is matched loosely.
    if (/rate limit/i.test(detail)) throw upstream.error('rate_limited', `rate limited (HTTP ${upstreamStatus}): ${detail}`, { upstreamStatus });
    throw upstream.error('unavailable', `HTTP ${upstreamStatus}: ${detail}`, { upstreamStatus });
  }
  return response.body;
}

function unknownPair(upstream: UpstreamClient, path: string): ProviderError {
  return upstream.error('unknown_symbol', `no such pair (HTTP 404 for ${path})`, { upstreamStatus: 404 });
}

/**
 * Bitstamp v2: price and ticker from `/ticker/{pair}/`, candles from `/ohlc/{pair}/` (paths end with
 * `/`). Its answer for an unknown pair is not documented, so any 404, JSON or not, is unknown_symbol.
 */
export const BITSTAMP_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/** The all-tickers endpoint has no parameters: one call, counted as one, answers every pair. */
export const BITSTAMP_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: Number.POSITIVE_INFINITY }, weight: () => 1, fetch: prices } };
