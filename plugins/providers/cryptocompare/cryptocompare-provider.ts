import type { Candle, Interval, OhlcvSeries, PriceQuote, Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers, type QueryParams } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { saneCandle, type CandleField } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import type { ProviderError } from '../../../core/errors/index.js';
import { cryptoCompareRetryAfterMs } from './cryptocompare-retry-after.js';
import {
  CryptoCompareErrorSchema,
  CryptoComparePriceSchema,
  histoSchemaFor,
  pricemultifullSchema,
  type CryptoCompareError,
  type HistoRow,
} from './cryptocompare-schema.js';

/** Which histo endpoint and `aggregate` give each of our intervals. */
const HISTO: Readonly<Record<Interval, { endpoint: string; aggregate: number }>> = {
  '1m': { endpoint: 'histominute', aggregate: 1 },
  '5m': { endpoint: 'histominute', aggregate: 5 },
  '15m': { endpoint: 'histominute', aggregate: 15 },
  '30m': { endpoint: 'histominute', aggregate: 30 },
  '1h': { endpoint: 'histohour', aggregate: 1 },
  '4h': { endpoint: 'histohour', aggregate: 4 },
  '1d': { endpoint: 'histoday', aggregate: 1 },
};

/** CryptoCompare answers at most 2000 rows per histo call. */
const MAX_HISTO_LIMIT = 2000;

/**
 * CryptoCompare min-api: price from `/data/price`, ticker from `/data/pricemultifull` (RAW),
 * candles from `/data/v2/histo*`. Its errors, rate limits included, arrive with HTTP 200.
 */
export class CryptoCompareProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const body = await this.call('/data/price', { fsym: this.providerSymbol(symbol), tsyms: 'USD' }, context);
    const parsed = parseUpstream(this.id, 'price answer', CryptoComparePriceSchema, body);
    return { symbol, price: assertSanePrice(this.id, 'USD', parsed.USD), timestamp: Math.floor(Date.now() / 1000) };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const fsym = this.providerSymbol(symbol);
    const body = await this.call('/data/pricemultifull', { fsyms: fsym, tsyms: 'USD' }, context);
    const raw = parseUpstream(this.id, 'ticker answer', pricemultifullSchema(fsym), body).RAW[fsym]!.USD;
    return {
      symbol,
      price: assertSanePrice(this.id, 'PRICE', raw.PRICE),
      changePercent24h: raw.CHANGEPCT24HOUR,
      high24h: assertSanePrice(this.id, 'HIGH24HOUR', raw.HIGH24HOUR),
      low24h: assertSanePrice(this.id, 'LOW24HOUR', raw.LOW24HOUR),
      volume24h: assertNonNegative(this.id, 'VOLUME24HOUR', raw.VOLUME24HOUR),
      timestamp: toSaneUnixSeconds(this.id, 'LASTUPDATE', raw.LASTUPDATE),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    const { endpoint, aggregate } = HISTO[interval];
    // The histo endpoints return limit + 1 rows.
    const params = { fsym: this.providerSymbol(symbol), tsym: 'USD', limit: Math.min(MAX_HISTO_LIMIT, Math.max(1, limit - 1)), aggregate };
    const body = await this.call(`/data/v2/${endpoint}`, params, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', histoSchemaFor(body), body);
    // Before an asset's first trade CryptoCompare pads the series with all-zero rows: no data, not a price.
    const candles = rows.filter((row) => !isZeroPadding(row)).map((row, index) => this.candle(row, index));
    return { symbol, interval, candles: candles.slice(-limit) };
  }

  private candle(row: HistoRow, index: number): Candle {
    // Our volume is the base asset's, CryptoCompare's `volumefrom` (`volumeto` is in USD).
    const path = (field: CandleField): string => `Data[${index}].${field === 'volume' ? 'volumefrom' : field}`;
    return saneCandle(this.id, { ...row, volume: row.volumefrom }, path);
  }

  /** GETs a min-api path and turns its in-body error envelope into a typed error. */
  private async call(path: string, params: QueryParams, context: FetchContext): Promise<unknown> {
    const headers = this.apiKey === undefined ? undefined : { authorization: `Apikey ${this.apiKey}` };
    const response = await this.getJson(path, params, context, headers);
    const envelope = CryptoCompareErrorSchema.safeParse(response.body);
    if (envelope.success) throw this.inBodyError(envelope.data, response.status);
    if (response.status !== 200) throw this.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
    return response.body;
  }

  private inBodyError({ Message: message, Type: type, RateLimit: rateLimit }: CryptoCompareError, upstreamStatus: number): ProviderError {
    if (type === 99 || /rate limit/i.test(message)) {
      const retryAfterMs = cryptoCompareRetryAfterMs(rateLimit, Date.now());
      return this.error('rate_limited', `rate limited (in-body): ${message}`, { upstreamStatus, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    }
    if (/does not exist/i.test(message)) return this.error('unknown_symbol', message, { upstreamStatus });
    return this.error('unavailable', `upstream error: ${message}`, { upstreamStatus });
  }
}

function isZeroPadding(row: HistoRow): boolean {
  return row.open === 0 && row.high === 0 && row.low === 0 && row.close === 0;
}
