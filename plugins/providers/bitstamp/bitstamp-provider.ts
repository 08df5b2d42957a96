import { isProviderError } from '../../../core/errors/index.js';
import type { Candle, Interval, OhlcvSeries, PriceQuote, Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { saneCandle, type CandleField } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import type { UpstreamResponse } from '../../../core/providers/http/upstream-response.js';
import { BitstampOhlcSchema, BitstampTickerSchema, type BitstampOhlcRow } from './bitstamp-schema.js';

/** Bitstamp's OHLC `step` is in seconds. */
const STEP_SECONDS: Readonly<Record<Interval, number>> = { '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14400, '1d': 86400 };

/** Bitstamp answers at most 1000 candles per call. */
const MAX_OHLC_LIMIT = 1000;

/**
 * Bitstamp v2: price and ticker from `/ticker/{pair}/`, candles from `/ohlc/{pair}/` (paths end with
 * `/`). Its answer for an unknown pair is not documented, so any 404, JSON or not, is unknown_symbol.
 */
export class BitstampProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const body = await this.call(`/ticker/${this.pair(symbol)}/`, {}, context);
    const parsed = parseUpstream(this.id, 'price answer', BitstampTickerSchema, body);
    return { symbol, price: assertSanePrice(this.id, 'last', parsed.last), timestamp: toSaneUnixSeconds(this.id, 'timestamp', parsed.timestamp) };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const body = await this.call(`/ticker/${this.pair(symbol)}/`, {}, context);
    const parsed = parseUpstream(this.id, 'ticker answer', BitstampTickerSchema, body);
    return {
      symbol,
      price: assertSanePrice(this.id, 'last', parsed.last),
      changePercent24h: parsed.percent_change_24,
      high24h: assertSanePrice(this.id, 'high', parsed.high),
      low24h: assertSanePrice(this.id, 'low', parsed.low),
      volume24h: assertNonNegative(this.id, 'volume', parsed.volume),
      timestamp: toSaneUnixSeconds(this.id, 'timestamp', parsed.timestamp),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    const params = { step: STEP_SECONDS[interval], limit: Math.min(MAX_OHLC_LIMIT, Math.max(1, limit)) };
    const body = await this.call(`/ohlc/${this.pair(symbol)}/`, params, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', BitstampOhlcSchema, body).data.ohlc;
    const candles = rows.map((row, index) => this.candle(row, index)).sort((a, b) => a[0] - b[0]);
    return { symbol, interval, candles: candles.slice(-limit) };
  }

  private candle(row: BitstampOhlcRow, index: number): Candle {
    // Bitstamp calls the open time `timestamp`.
    const path = (field: CandleField): string => `data.ohlc[${index}].${field === 'time' ? 'timestamp' : field}`;
    return saneCandle(this.id, { ...row, time: row.timestamp }, path);
  }

  private pair(symbol: string): string {
    return encodeURIComponent(this.providerSymbol(symbol));
  }

  /** GETs a path; a 404 (even an HTML one) is an unknown pair, any other non-200 is unavailable unless it says "rate limit". */
  private async call(path: string, params: QueryParams, context: FetchContext): Promise<unknown> {
    let response: UpstreamResponse;
    try {
      response = await this.getJson(path, params, context);
    } catch (error) {
      if (isProviderError(error, 'malformed_body') && error.upstreamStatus === 404) throw this.unknownPair(path);
      throw error;
    }
    if (response.status === 404) throw this.unknownPair(path);
    if (response.status !== 200) {
      const upstreamStatus = response.status;
      const detail = JSON.stringify(response.body).slice(0, 200);
      // Bitstamp's rate-limit body is only known from third parties; its wording is matched loosely.
      if (/rate limit/i.test(detail)) throw this.error('rate_limited', `rate limited (HTTP ${upstreamStatus}): ${detail}`, { upstreamStatus });
      throw this.error('unavailable', `HTTP ${upstreamStatus}: ${detail}`, { upstreamStatus });
    }
    return response.body;
  }

  private unknownPair(path: string): Error {
    return this.error('unknown_symbol', `no such pair (HTTP 404 for ${path})`, { upstreamStatus: 404 });
  }
}
