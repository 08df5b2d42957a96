import type { PriceQuote, Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import { CoinCapAssetSchema, CoinCapErrorSchema, CoinCapHistorySchema, CoinCapRetiredSchema } from './coincap-schema.js';

const DAY_MS = 86_400_000;

/**
 * CoinCap v3: price from `/assets/{id}`, ticker from `/assets/{id}` plus `/assets/{id}/history`.
 * Prices are always USD. The key goes in an `Authorization: Bearer` header rather than the
 * `apiKey` query parameter, so it never shows up in a URL.
 */
export class CoinCapProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const asset = await this.asset(this.providerSymbol(symbol), context);
    return { symbol, price: asset.price, timestamp: asset.timestamp };
  }

  /**
   * CoinCap has no 24 h high and low, so the extremes of its 5-minute price history (and the
   * current price) stand in for them; they can understate the sharpest intraday wicks.
   */
  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const id = this.providerSymbol(symbol);
    const end = Date.now();
    const [asset, history] = await Promise.all([this.asset(id, context), this.history(id, end - DAY_MS, end, context)]);
    const prices = [...history, asset.price];
    return {
      symbol,
      price: asset.price,
      changePercent24h: asset.changePercent24h,
      high24h: Math.max(...prices),
      low24h: Math.min(...prices),
      // volumeUsd24Hr is in USD; the contract wants base-asset volume.
      volume24h: asset.volumeUsd / asset.price,
      timestamp: asset.timestamp,
    };
  }

  private async asset(id: string, context: FetchContext): Promise<{ price: number; changePercent24h: number | null; volumeUsd: number; timestamp: number }> {
    const body = await this.call(`/assets/${encodeURIComponent(id)}`, {}, context);
    const { data, timestamp } = parseUpstream(this.id, 'asset answer', CoinCapAssetSchema, body);
    return {
      price: assertSanePrice(this.id, 'data.priceUsd', data.priceUsd),
      changePercent24h: data.changePercent24Hr,
      volumeUsd: assertNonNegative(this.id, 'data.volumeUsd24Hr', data.volumeUsd24Hr),
      timestamp: timestamp === undefined ? Math.floor(Date.now() / 1000) : toSaneUnixSeconds(this.id, 'timestamp', timestamp),
    };
  }

  private async history(id: string, start: number, end: number, context: FetchContext): Promise<number[]> {
    const body = await this.call(`/assets/${encodeURIComponent(id)}/history`, { interval: 'm5', start, end }, context);
    const { data } = parseUpstream(this.id, 'history answer', CoinCapHistorySchema, body);
    return data.map((point, index) => assertSanePrice(this.id, `data[${index}].priceUsd`, point.priceUsd));
  }

  /** GETs a path with the key, turning CoinCap's error bodies and the v2 retirement notice into typed errors. */
  private async call(path: string, params: QueryParams, context: FetchContext): Promise<unknown> {
    const headers = this.apiKey === undefined ? undefined : { authorization: `Bearer ${this.apiKey}` };
    const response = await this.getJson(path, params, context, headers);
    const { status, body } = response;
    const failure = CoinCapErrorSchema.safeParse(body);
    if (failure.success) {
      const { error } = failure.data;
      if (status === 404 || /not found/i.test(error)) throw this.error('unknown_symbol', error, { upstreamStatus: status });
      throw this.error('unavailable', `upstream error: ${error}`, { upstreamStatus: status });
    }
    if (status === 404) throw this.error('unknown_symbol', 'HTTP 404', { upstreamStatus: status });
    if (status !== 200) throw this.error('unavailable', `HTTP ${status}`, { upstreamStatus: status });
    const retired = CoinCapRetiredSchema.safeParse(body);
    if (retired.success) throw this.error('unavailable', `API version retired: ${retired.data.data.message}`, { upstreamStatus: status });
    return body;
  }
}
