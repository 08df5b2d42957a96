import { INTERVAL_SECONDS, type Interval, type OhlcvSeries, type PriceQuote, type Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers } from '../../../core/providers/http/http-market-provider.js';
import { mergeCandles } from '../../../core/providers/http/merge-candles.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { OHLCV_COLUMNS, saneCandle } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import { GeminiCandlesSchema, GeminiErrorSchema, GeminiTickerV2Schema, pubtickerSchemaFor, type GeminiPubticker } from './gemini-schema.js';

/** Gemini's candle `time_frame` path segment; it has no 4 h candles, so those are merged from 1 h ones. */
const TIME_FRAME: Readonly<Record<Interval, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '30m': '30m', '1h': '1hr', '4h': '1hr', '1d': '1day' };

/**
 * Gemini: price from `/v1/pubticker/{symbol}`; ticker from that (last, 24 h volume) plus
 * `/v2/ticker/{symbol}` (open 24 h ago, high, low), fetched together; candles from
 * `/v2/candles/{symbol}/{time_frame}`, which has no limit parameter.
 */
export class GeminiProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const pubticker = await this.pubticker(symbol, context);
    return {
      symbol,
      price: assertSanePrice(this.id, 'last', pubticker.last),
      timestamp: toSaneUnixSeconds(this.id, 'volume.timestamp', pubticker.volume.timestamp!),
    };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const pair = this.pair(symbol);
    const [pubticker, body] = await Promise.all([this.pubticker(symbol, context), this.call(`/v2/ticker/${pair}`, context)]);
    const day = parseUpstream(this.id, 'ticker answer', GeminiTickerV2Schema, body);
    const price = assertSanePrice(this.id, 'last', pubticker.last);
    const open = assertSanePrice(this.id, 'open', day.open);
    return {
      symbol,
      price,
      changePercent24h: ((price - open) / open) * 100,
      high24h: assertSanePrice(this.id, 'high', day.high),
      low24h: assertSanePrice(this.id, 'low', day.low),
      volume24h: assertNonNegative(this.id, `volume.${symbol}`, pubticker.volume[symbol]!),
      timestamp: toSaneUnixSeconds(this.id, 'volume.timestamp', pubticker.volume.timestamp!),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    const body = await this.call(`/v2/candles/${this.pair(symbol)}/${TIME_FRAME[interval]}`, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', GeminiCandlesSchema, body);
    const candles = rows.map(([time, open, high, low, close, volume], index) =>
      saneCandle(this.id, { time, open, high, low, close, volume }, (field) => `[${index}][${OHLCV_COLUMNS[field]}]`),
    );
    // Gemini's row order is not documented; ours is ascending.
    candles.sort((a, b) => a[0] - b[0]);
    return { symbol, interval, candles: (interval === '4h' ? mergeCandles(candles, { widthSeconds: INTERVAL_SECONDS['4h'] }) : candles).slice(-limit) };
  }

  /** The pubticker; its volume is keyed by the base asset's code, which is our ticker. */
  private async pubticker(symbol: string, context: FetchContext): Promise<GeminiPubticker> {
    const body = await this.call(`/v1/pubticker/${this.pair(symbol)}`, context);
    return parseUpstream(this.id, 'pubticker answer', pubtickerSchemaFor(symbol), body);
  }

  private pair(symbol: string): string {
    return encodeURIComponent(this.providerSymbol(symbol));
  }

  /** GETs a path and types Gemini's `{"result": "error", "reason": ...}` bodies. */
  private async call(path: string, context: FetchContext): Promise<unknown> {
    const response = await this.getJson(path, {}, context);
    const upstreamStatus = response.status;
    if (upstreamStatus === 200) return response.body;
    const failure = GeminiErrorSchema.safeParse(response.body);
    const reason = failure.success ? failure.data.reason : `HTTP ${upstreamStatus}`;
    const message = failure.success && failure.data.message !== undefined ? `${reason}: ${failure.data.message}` : reason;
    if (reason === 'InvalidSymbol') throw this.error('unknown_symbol', message, { upstreamStatus });
    if (/ratelimit/i.test(reason)) throw this.error('rate_limited', `rate limited: ${message}`, { upstreamStatus });
    throw this.error('unavailable', `HTTP ${upstreamStatus}: ${message}`, { upstreamStatus });
  }
}
