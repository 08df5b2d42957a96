import { answerEach, type BatchAnswers, type BatchFunctions, INTERVAL_SECONDS, type CapabilityQuery, type Interval, type OhlcvSeries, type PriceQuote, type Ticker, mergeCandles, OHLCV_COLUMNS, saneCandle, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type CapabilityFunctions, type UpstreamClient } from '../../../core/index.js';
import { GeminiCandlesSchema, GeminiErrorSchema, GeminiPriceFeedEntrySchema, GeminiPriceFeedSchema, GeminiTickerV2Schema, pubtickerSchemaFor, type GeminiPubticker } from './gemini-schema.js';

/** Gemini's candle `time_frame` path segment; it has no 4 h candles, so those are merged from 1 h ones. */
const TIME_FRAME: Readonly<Record<Interval, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '30m': '30m', '1h': '1hr', '4h': '1hr', '1d': '1day' };

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const pubticker = await pubtickerOf(upstream, symbol);
  return {
    symbol,
    price: assertSanePrice(upstream, 'last', pubticker.last),
    timestamp: toSaneUnixSeconds(upstream, 'volume.timestamp', pubticker.volume.timestamp!),
  };
}

/** `/v1/pricefeed` answers the last price of every pair at once (`BTCUSD`); our map holds `btcusd`. */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const body = await get(upstream, '/v1/pricefeed');
  const rows = new Map(upstream.parse('price feed answer', GeminiPriceFeedSchema, body).map((row) => [row.pair.toLowerCase(), row.element]));
  const timestamp = upstream.nowSeconds();
  return answerEach(queries, ({ symbol }) => {
    const pair = upstream.symbolFor(symbol);
    const row = rows.get(pair.toLowerCase());
    if (row === undefined) return undefined;
    const parsed = upstream.parse(`price feed entry for ${pair}`, GeminiPriceFeedEntrySchema, row);
    return { symbol, price: assertSanePrice(upstream, `${pair}.price`, parsed.price), timestamp };
  });
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const [pubticker, body] = await Promise.all([pubtickerOf(upstream, symbol), get(upstream, `/v2/ticker/${pair(upstream, symbol)}`)]);
  const day = upstream.parse('ticker answer', GeminiTickerV2Schema, body);
  const quote = quoteOf(upstream, symbol);
  const quoteVolume = quote === undefined ? undefined : pubticker.volume[quote];
  // The v2 ticker's `open` is the price 24 h ago; Gemini states no change.
  return {
    symbol,
    price: assertSanePrice(upstream, 'last', pubticker.last),
    bid: pubticker.bid === undefined ? null : assertSanePrice(upstream, 'bid', pubticker.bid),
    ask: pubticker.ask === undefined ? null : assertSanePrice(upstream, 'ask', pubticker.ask),
    open24h: assertSanePrice(upstream, 'open', day.open),
    high24h: assertSanePrice(upstream, 'high', day.high),
    low24h: assertSanePrice(upstream, 'low', day.low),
    baseVolume24h: assertNonNegative(upstream, `volume.${symbol}`, pubticker.volume[symbol]!),
    quoteVolume24h: quoteVolume === undefined ? null : assertNonNegative(upstream, `volume.${quote}`, quoteVolume),
    change24h: null,
    changePercent24h: null,
    timestamp: toSaneUnixSeconds(upstream, 'volume.timestamp', pubticker.volume.timestamp!),
  };
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  const body = await get(upstream, `/v2/candles/${pair(upstream, symbol)}/${TIME_FRAME[interval]}`);
  const rows = upstream.parse('ohlcv answer', GeminiCandlesSchema, body);
  const candles = rows.map(([time, open, high, low, close, volume], index) =>
    saneCandle(upstream, { time, open, high, low, close, volume }, (field) => `[${index}][${OHLCV_COLUMNS[field]}]`),
  );
  // Gemini's row order is not documented; ours is ascending.
  candles.sort((a, b) => a[0] - b[0]);
  return { symbol, interval, candles: (interval === '4h' ? mergeCandles(candles, { widthSeconds: INTERVAL_SECONDS['4h'] }) : candles).slice(-limit) };
}

/** The pubticker; its volume is keyed by the base asset's code, which is our ticker. */
async function pubtickerOf(upstream: UpstreamClient, symbol: string): Promise<GeminiPubticker> {
  const body = await get(upstream, `/v1/pubticker/${pair(upstream, symbol)}`);
  return upstream.parse('pubticker answer', pubtickerSchemaFor(symbol), body);
}

/** The quote code of the mapped pair (`btcusd` → `USD`), under which the pubticker states the quote volume. */
function quoteOf(upstream: UpstreamClient, symbol: string): string | undefined {
  const mapped = upstream.symbolFor(symbol).toUpperCase();
  return mapped.startsWith(symbol) && mapped.length > symbol.length ? mapped.slice(symbol.length) : undefined;
}

function pair(upstream: UpstreamClient, symbol: string): string {
  return encodeURIComponent(upstream.symbolFor(symbol));
}

/** GETs a path and types Gemini's `{"result": "error", "reason": ...}` bodies. */
async function get(upstream: UpstreamClient, path: string): Promise<unknown> {
  const response = await upstream.getJson(path);
  const upstreamStatus = response.status;
  if (upstreamStatus === 200) return response.body;
  const failure = GeminiErrorSchema.safeParse(response.body);
  const reason = failure.success ? failure.data.reason : `HTTP ${upstreamStatus}`;
  const message = failure.success && failure.data.message !== undefined ? `${reason}: ${failure.data.message}` : reason;
  if (reason === 'InvalidSymbol') throw upstream.error('unknown_symbol', message, { upstreamStatus });
  if (/ratelimit/i.test(reason)) throw upstream.error('rate_limited', `rate limited: ${message}`, { upstreamStatus });
  throw upstream.error('unavailable', `HTTP ${upstreamStatus}: ${message}`, { upstreamStatus });
}

/**
 * Gemini: price from `/v1/pubticker/{symbol}`; ticker from that (last, 24 h volume) plus
 * `/v2/ticker/{symbol}` (open 24 h ago, high, low), fetched together; candles from
 * `/v2/candles/{symbol}/{time_frame}`, which has no limit parameter.
 */
export const GEMINI_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/** The price feed has no parameters: one call, counted as one, answers every pair. */
export const GEMINI_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: Number.POSITIVE_INFINITY }, weight: () => 1, fetch: prices } };
