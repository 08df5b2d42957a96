import { INTERVAL_SECONDS, type CapabilityQuery, type Interval, type OhlcvSeries, type PriceQuote, type Ticker, mergeCandles, saneCandle, type CandleField, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { CoinbaseCandlesSchema, CoinbaseErrorSchema, CoinbaseProductStatsSchema, CoinbaseProductTickerSchema } from './coinbase-schema.js';

/**
 * The `granularity` (seconds) asked for each interval. Coinbase has no 30 min or 4 h candles, so
 * those are merged from 15 min and 1 h ones.
 */
const GRANULARITY: Readonly<Record<Interval, number>> = { '1m': 60, '5m': 300, '15m': 900, '30m': 900, '1h': 3600, '4h': 3600, '1d': 86400 };

/** Coinbase's candle rows put low before high and open: `[time, low, high, open, close, volume]`. */
const CANDLE_COLUMNS: Readonly<Record<CandleField, number>> = { time: 0, low: 1, high: 2, open: 3, close: 4, volume: 5 };

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const body = await get(upstream, productPath(upstream, symbol, 'ticker'), {});
  const parsed = upstream.parse('price answer', CoinbaseProductTickerSchema, body);
  return { symbol, price: assertSanePrice(upstream, 'price', parsed.price), timestamp: toSaneUnixSeconds(upstream, 'time', parsed.time) };
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const body = await get(upstream, productPath(upstream, symbol, 'stats'), {});
  const stats = upstream.parse('ticker answer', CoinbaseProductStatsSchema, body);
  // The stats state no bid, ask, change or quote volume.
  return {
    symbol,
    price: assertSanePrice(upstream, 'last', stats.last),
    bid: null,
    ask: null,
    open24h: assertSanePrice(upstream, 'open', stats.open),
    high24h: assertSanePrice(upstream, 'high', stats.high),
    low24h: assertSanePrice(upstream, 'low', stats.low),
    baseVolume24h: assertNonNegative(upstream, 'volume', stats.volume),
    quoteVolume24h: null,
    change24h: null,
    changePercent24h: null,
    // The stats carry no time of their own.
    timestamp: upstream.nowSeconds(),
  };
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  const granularity = GRANULARITY[interval];
  // Without start/end Coinbase sends its 300 most recent candles, its maximum per call.
  const body = await get(upstream, productPath(upstream, symbol, 'candles'), { granularity });
  const rows = upstream.parse('ohlcv answer', CoinbaseCandlesSchema, body);
  const candles = rows.map(([time, low, high, open, close, volume], index) =>
    saneCandle(upstream, { time, open, high, low, close, volume }, (field) => `[${index}][${CANDLE_COLUMNS[field]}] (${field})`),
  );
  candles.sort((a, b) => a[0] - b[0]);
  const width = INTERVAL_SECONDS[interval];
  return { symbol, interval, candles: (width === granularity ? candles : mergeCandles(candles, { widthSeconds: width })).slice(-limit) };
}

function productPath(upstream: UpstreamClient, symbol: string, resource: 'ticker' | 'stats' | 'candles'): string {
  return `/products/${encodeURIComponent(upstream.symbolFor(symbol))}/${resource}`;
}

/** GETs a path and types Coinbase's `{"message": ...}` error bodies. */
async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<unknown> {
  const response = await upstream.getJson(path, params);
  const upstreamStatus = response.status;
  if (upstreamStatus === 200) return response.body;
  const failure = CoinbaseErrorSchema.safeParse(response.body);
  const message = failure.success ? failure.data.message : `HTTP ${upstreamStatus}`;
  if (upstreamStatus === 404 || /not ?found/i.test(message)) throw upstream.error('unknown_symbol', `${message} (HTTP ${upstreamStatus})`, { upstreamStatus });
  throw upstream.error('unavailable', `HTTP ${upstreamStatus}: ${message}`, { upstreamStatus });
}

/**
 * Coinbase Exchange: price from `/products/{id}/ticker` (last trade), ticker from
 * `/products/{id}/stats` (rolling 24 h), candles from `/products/{id}/candles`, whose rows are
 * `[time, low, high, open, close, volume]` and come newest first. A call yields at most 300 native
 * candles, so at most 150 merged 30 min and 75 merged 4 h candles.
 */
export const COINBASE_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };
