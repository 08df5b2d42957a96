import { INTERVAL_SECONDS, type Interval, type OhlcvSeries, type PriceQuote, type Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from '../../../core/providers/http/http-market-provider.js';
import { mergeCandles } from '../../../core/providers/http/merge-candles.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { saneCandle, type CandleField } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import { CoinbaseCandlesSchema, CoinbaseErrorSchema, CoinbaseProductStatsSchema, CoinbaseProductTickerSchema } from './coinbase-schema.js';

/**
 * The `granularity` (seconds) asked for each interval. Coinbase has no 30 min or 4 h candles, so
 * those are merged from 15 min and 1 h ones.
 */
const GRANULARITY: Readonly<Record<Interval, number>> = { '1m': 60, '5m': 300, '15m': 900, '30m': 900, '1h': 3600, '4h': 3600, '1d': 86400 };

/** Coinbase's candle rows put low before high and open: `[time, low, high, open, close, volume]`. */
const CANDLE_COLUMNS: Readonly<Record<CandleField, number>> = { time: 0, low: 1, high: 2, open: 3, close: 4, volume: 5 };

/**
 * Coinbase Exchange: price from `/products/{id}/ticker` (last trade), ticker from
 * `/products/{id}/stats` (rolling 24 h), candles from `/products/{id}/candles`, whose rows are
 * `[time, low, high, open, close, volume]` and come newest first. A call yields at most 300 native
 * candles, so at most 150 merged 30 min and 75 merged 4 h candles.
 */
export class CoinbaseProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const body = await this.call(this.productPath(symbol, 'ticker'), {}, context);
    const parsed = parseUpstream(this.id, 'price answer', CoinbaseProductTickerSchema, body);
    return { symbol, price: assertSanePrice(this.id, 'price', parsed.price), timestamp: toSaneUnixSeconds(this.id, 'time', parsed.time) };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const body = await this.call(this.productPath(symbol, 'stats'), {}, context);
    const stats = parseUpstream(this.id, 'ticker answer', CoinbaseProductStatsSchema, body);
    const price = assertSanePrice(this.id, 'last', stats.last);
    const open = assertSanePrice(this.id, 'open', stats.open);
    return {
      symbol,
      price,
      changePercent24h: ((price - open) / open) * 100,
      high24h: assertSanePrice(this.id, 'high', stats.high),
      low24h: assertSanePrice(this.id, 'low', stats.low),
      volume24h: assertNonNegative(this.id, 'volume', stats.volume),
      // The stats carry no time of their own.
      timestamp: Math.floor(Date.now() / 1000),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    const granularity = GRANULARITY[interval];
    // Without start/end Coinbase sends its 300 most recent candles, its maximum per call.
    const body = await this.call(this.productPath(symbol, 'candles'), { granularity }, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', CoinbaseCandlesSchema, body);
    const candles = rows.map(([time, low, high, open, close, volume], index) =>
      saneCandle(this.id, { time, open, high, low, close, volume }, (field) => `[${index}][${CANDLE_COLUMNS[field]}] (${field})`),
    );
    candles.sort((a, b) => a[0] - b[0]);
    const width = INTERVAL_SECONDS[interval];
    return { symbol, interval, candles: (width === granularity ? candles : mergeCandles(candles, { widthSeconds: width })).slice(-limit) };
  }

  private productPath(symbol: string, resource: 'ticker' | 'stats' | 'candles'): string {
    return `/products/${encodeURIComponent(this.providerSymbol(symbol))}/${resource}`;
  }

  /** GETs a path and types Coinbase's `{"message": ...}` error bodies. */
  private async call(path: string, params: QueryParams, context: FetchContext): Promise<unknown> {
    const response = await this.getJson(path, params, context);
    const upstreamStatus = response.status;
    if (upstreamStatus === 200) return response.body;
    const failure = CoinbaseErrorSchema.safeParse(response.body);
    const message = failure.success ? failure.data.message : `HTTP ${upstreamStatus}`;
    if (upstreamStatus === 404 || /not ?found/i.test(message)) throw this.error('unknown_symbol', `${message} (HTTP ${upstreamStatus})`, { upstreamStatus });
    throw this.error('unavailable', `HTTP ${upstreamStatus}: ${message}`, { upstreamStatus });
  }
}
