import { INTERVAL_SECONDS, type Interval, type OhlcvSeries, type PriceQuote, type Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from '../../../core/providers/http/http-market-provider.js';
import { mergeCandles } from '../../../core/providers/http/merge-candles.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { OHLCV_COLUMNS, saneCandle } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import type { UpstreamResponse } from '../../../core/providers/http/upstream-response.js';
import { planCoinGeckoOhlc } from './coingecko-ohlc-plan.js';
import { CoinGeckoErrorSchema, CoinsMarketsSchema, CoinsOhlcSchema, SimplePriceSchema } from './coingecko-schema.js';

/**
 * CoinGecko v3: price from `/simple/price`, ticker from `/coins/markets`, candles from
 * `/coins/{id}/ohlc`. Symbols are coin ids (`bitcoin`); an unknown id is silently dropped, so an
 * empty answer means unknown_symbol, not a failure.
 */
export class CoinGeckoProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const id = this.providerSymbol(symbol);
    const response = await this.call('/simple/price', { ids: id, vs_currencies: 'usd', include_last_updated_at: true }, context);
    const quotes = parseUpstream(this.id, 'price answer', SimplePriceSchema, response.body);
    const quote = quotes[id];
    if (quote === undefined) throw this.unknownId(id, response.status);
    return {
      symbol,
      price: assertSanePrice(this.id, `${id}.usd`, quote.usd),
      timestamp:
        quote.last_updated_at === undefined ? Math.floor(Date.now() / 1000) : toSaneUnixSeconds(this.id, `${id}.last_updated_at`, quote.last_updated_at),
    };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const id = this.providerSymbol(symbol);
    const response = await this.call('/coins/markets', { vs_currency: 'usd', ids: id }, context);
    const market = parseUpstream(this.id, 'ticker answer', CoinsMarketsSchema, response.body).find((entry) => entry.id === id);
    if (market === undefined) throw this.unknownId(id, response.status);
    const price = assertSanePrice(this.id, 'current_price', market.current_price);
    return {
      symbol,
      price,
      changePercent24h: market.price_change_percentage_24h,
      high24h: assertSanePrice(this.id, 'high_24h', market.high_24h),
      low24h: assertSanePrice(this.id, 'low_24h', market.low_24h),
      // total_volume is in USD; the contract wants base-asset volume.
      volume24h: assertNonNegative(this.id, 'total_volume', market.total_volume) / price,
      timestamp: toSaneUnixSeconds(this.id, 'last_updated', market.last_updated),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    const id = this.providerSymbol(symbol);
    const plan = planCoinGeckoOhlc(interval, limit);
    if (plan === undefined) throw this.error('unsupported', `has no ${interval} candles (its finest is 30 minutes)`);
    const response = await this.call(`/coins/${encodeURIComponent(id)}/ohlc`, { vs_currency: 'usd', days: plan.days }, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', CoinsOhlcSchema, response.body);
    const native = rows.map(([closeTime, open, high, low, close], index) => {
      // CoinGecko stamps a candle with its close time in ms and sends no volume; ours carry the open time.
      const time = closeTime - plan.nativeSeconds * 1000;
      return saneCandle(this.id, { time, open, high, low, close, volume: null }, (field) => `[${index}][${OHLCV_COLUMNS[field]}]`);
    });
    const width = INTERVAL_SECONDS[interval];
    // CoinGecko sends a candle for every period, so a merged one missing a part is incomplete.
    const candles = width === plan.nativeSeconds ? native : mergeCandles(native, { widthSeconds: width, nativeSeconds: plan.nativeSeconds });
    return { symbol, interval, candles: candles.slice(-limit) };
  }

  /** GETs a path, turning CoinGecko's error bodies and statuses into typed errors. */
  private async call(path: string, params: QueryParams, context: FetchContext): Promise<UpstreamResponse> {
    const headers = this.apiKey === undefined ? undefined : { 'x-cg-demo-api-key': this.apiKey };
    const response = await this.getJson(path, params, context, headers);
    const { status } = response;
    const failure = CoinGeckoErrorSchema.safeParse(response.body);
    if (failure.success) {
      const { code, message } = failure.data;
      if (code === 429) throw this.error('rate_limited', `rate limited (in-body): ${message}`, { upstreamStatus: status });
      if (status === 404 || /not find|not found/i.test(message)) throw this.error('unknown_symbol', message, { upstreamStatus: status });
      throw this.error('unavailable', `upstream error ${code ?? status}: ${message}`, { upstreamStatus: status });
    }
    if (status === 404) throw this.error('unknown_symbol', 'HTTP 404', { upstreamStatus: status });
    if (status !== 200) throw this.error('unavailable', `HTTP ${status}`, { upstreamStatus: status });
    return response;
  }

  private unknownId(id: string, upstreamStatus: number): Error {
    return this.error('unknown_symbol', `does not know the coin id "${id}"`, { upstreamStatus });
  }
}
