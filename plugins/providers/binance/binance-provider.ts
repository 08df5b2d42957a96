import type { Interval, OhlcvSeries, PriceQuote, Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { OHLCV_COLUMNS, saneCandle } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import type { UpstreamResponse } from '../../../core/providers/http/upstream-response.js';
import { BinanceErrorSchema, BinanceKlinesSchema, BinanceTicker24hrSchema, BinanceTickerPriceSchema } from './binance-schema.js';

/** REQUEST_WEIGHT per minute per IP (enums.md; 1200 before 2023-08-25). */
const WEIGHT_PER_MINUTE = 6000;

/** Binance answers at most 1000 klines per call. */
const MAX_KLINES = 1000;

/** Binance error codes we act on (errors.md): -1121 BAD_SYMBOL, -1003 TOO_MANY_REQUESTS. */
const BAD_SYMBOL = -1121;
const TOO_MANY_REQUESTS = -1003;

/**
 * Binance spot `/api/v3`: price from `ticker/price`, ticker from `ticker/24hr`, candles from `klines`
 * (our intervals are Binance's own names). Every answer reports the IP's used weight in
 * `x-mbx-used-weight-1m`, which goes to the guard so it slows down before a 429. 429/418/451 are
 * typed by fetchUpstreamJson (418 is a ban, 451 a geo block, not a rate limit).
 */
export class BinanceProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const body = await this.call('/api/v3/ticker/price', { symbol: this.providerSymbol(symbol) }, context);
    const parsed = parseUpstream(this.id, 'price answer', BinanceTickerPriceSchema, body);
    return { symbol, price: assertSanePrice(this.id, 'price', parsed.price), timestamp: Math.floor(Date.now() / 1000) };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const body = await this.call('/api/v3/ticker/24hr', { symbol: this.providerSymbol(symbol) }, context);
    const parsed = parseUpstream(this.id, 'ticker answer', BinanceTicker24hrSchema, body);
    return {
      symbol,
      price: assertSanePrice(this.id, 'lastPrice', parsed.lastPrice),
      changePercent24h: parsed.priceChangePercent,
      high24h: assertSanePrice(this.id, 'highPrice', parsed.highPrice),
      low24h: assertSanePrice(this.id, 'lowPrice', parsed.lowPrice),
      volume24h: assertNonNegative(this.id, 'volume', parsed.volume),
      timestamp: toSaneUnixSeconds(this.id, 'closeTime', parsed.closeTime),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    const params = { symbol: this.providerSymbol(symbol), interval, limit: Math.min(MAX_KLINES, Math.max(1, limit)) };
    const body = await this.call('/api/v3/klines', params, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', BinanceKlinesSchema, body);
    const candles = rows.map(([time, open, high, low, close, volume], index) =>
      saneCandle(this.id, { time, open, high, low, close, volume }, (field) => `[${index}][${OHLCV_COLUMNS[field]}]`),
    );
    return { symbol, interval, candles: candles.slice(-limit) };
  }

  /** GETs a path, reports the used weight, and types Binance's `{code, msg}` error bodies. */
  private async call(path: string, params: QueryParams, context: FetchContext): Promise<unknown> {
    const response = await this.getJson(path, params, context);
    this.reportUsedWeight(response, context);
    if (response.status === 200) return response.body;
    const failure = BinanceErrorSchema.safeParse(response.body);
    const upstreamStatus = response.status;
    if (!failure.success) throw this.error('unavailable', `HTTP ${upstreamStatus}`, { upstreamStatus });
    const { code, msg } = failure.data;
    if (code === BAD_SYMBOL) throw this.error('unknown_symbol', `${msg} (code ${code})`, { upstreamStatus });
    if (code === TOO_MANY_REQUESTS) throw this.error('rate_limited', `${msg} (code ${code})`, { upstreamStatus });
    throw this.error('unavailable', `HTTP ${upstreamStatus}: ${msg} (code ${code})`, { upstreamStatus });
  }

  private reportUsedWeight(response: UpstreamResponse, context: FetchContext): void {
    const used = Number(response.headers.get('x-mbx-used-weight-1m') ?? Number.NaN);
    if (!Number.isFinite(used) || context.onRateLimitInfo === undefined) return;
    context.onRateLimitInfo({ limit: WEIGHT_PER_MINUTE, remaining: Math.max(0, WEIGHT_PER_MINUTE - used) });
  }
}
