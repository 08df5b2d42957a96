import { answerEach, type BatchAnswers, type BatchFunctions, type ProviderError, type Candle, type CapabilityQuery, type Interval, type OhlcvSeries, type PriceQuote, type Ticker, saneCandle, type CandleField, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { cryptoCompareRetryAfterMs } from './cryptocompare-retry-after.js';
import {
  CryptoCompareErrorSchema,
  cryptoComparePriceSchema,
  CryptoComparePriceMultiSchema,
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

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const { fsym, tsym } = pairOf(upstream, symbol);
  const body = await get(upstream, '/data/price', { fsym, tsyms: tsym, tryConversion: false });
  const parsed = upstream.parse('price answer', cryptoComparePriceSchema(tsym), body);
  return { symbol, price: assertSanePrice(upstream, tsym, parsed), timestamp: upstream.nowSeconds() };
}

/** `/data/pricemulti?fsyms=BTC,ETH&tsyms=USD` leaves out the symbols it does not know (or, without conversion, does not trade in `tsyms`). */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const pairs = queries.map((query) => pairOf(upstream, query.symbol));
  const tsyms = [...new Set(pairs.map((pair) => pair.tsym))].join(',');
  const body = await get(upstream, '/data/pricemulti', { fsyms: pairs.map((pair) => pair.fsym).join(','), tsyms, tryConversion: false });
  const entries = upstream.parse('batch price answer', CryptoComparePriceMultiSchema, body);
  const timestamp = upstream.nowSeconds();
  return answerEach(queries, ({ symbol }) => {
    const { fsym, tsym } = pairOf(upstream, symbol);
    if (!Object.hasOwn(entries, fsym)) return undefined;
    const entry = entries[fsym];
    if (typeof entry === 'object' && entry !== null && !Object.hasOwn(entry, tsym)) return undefined;
    const parsed = upstream.parse(`price answer for ${fsym}`, cryptoComparePriceSchema(tsym), entry);
    return { symbol, price: assertSanePrice(upstream, `${fsym}.${tsym}`, parsed), timestamp };
  });
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const { fsym, tsym } = pairOf(upstream, symbol);
  const body = await get(upstream, '/data/pricemultifull', { fsyms: fsym, tsyms: tsym, tryConversion: false });
  const raw = upstream.parse('ticker answer', pricemultifullSchema(fsym, tsym), body);
  // An aggregate index: it has no order book, so no bid or ask.
  return {
    symbol,
    price: assertSanePrice(upstream, 'PRICE', raw.PRICE),
    bid: null,
    ask: null,
    open24h: raw.OPEN24HOUR === undefined ? null : assertSanePrice(upstream, 'OPEN24HOUR', raw.OPEN24HOUR),
    high24h: assertSanePrice(upstream, 'HIGH24HOUR', raw.HIGH24HOUR),
    low24h: assertSanePrice(upstream, 'LOW24HOUR', raw.LOW24HOUR),
    baseVolume24h: assertNonNegative(upstream, 'VOLUME24HOUR', raw.VOLUME24HOUR),
    quoteVolume24h: raw.VOLUME24HOURTO === undefined ? null : assertNonNegative(upstream, 'VOLUME24HOURTO', raw.VOLUME24HOURTO),
    change24h: raw.CHANGE24HOUR ?? null,
    changePercent24h: raw.CHANGEPCT24HOUR,
    timestamp: toSaneUnixSeconds(upstream, 'LASTUPDATE', raw.LASTUPDATE),
  };
}

/** The coin (`fsym`) and the quote (`tsym`: `USD`, `EUR`, `BTC`) of this call's market. */
function pairOf(upstream: UpstreamClient, symbol: string): { fsym: string; tsym: string } {
  const market = upstream.marketFor(symbol);
  return { fsym: market.id, tsym: market.quote };
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  const { endpoint, aggregate } = HISTO[interval];
  // The histo endpoints return limit + 1 rows.
  const { fsym, tsym } = pairOf(upstream, symbol);
  const params = { fsym, tsym, tryConversion: false, limit: Math.min(MAX_HISTO_LIMIT, Math.max(1, limit - 1)), aggregate };
  const body = await get(upstream, `/data/v2/${endpoint}`, params);
  const rows = upstream.parse('ohlcv answer', histoSchemaFor(body), body);
  // Before an asset's first trade CryptoCompare pads the series with all-zero rows: no data, not a price.
  const candles = rows.filter((row) => !isZeroPadding(row)).map((row, index) => candle(upstream, row, index));
  return { symbol, interval, candles: candles.slice(-limit) };
}

function candle(upstream: UpstreamClient, row: HistoRow, index: number): Candle {
  // Our volume is the base asset's, CryptoCompare's `volumefrom` (`volumeto` is in the quote).
  const path = (field: CandleField): string => `Data[${index}].${field === 'volume' ? 'volumefrom' : field}`;
  return saneCandle(upstream, { ...row, volume: row.volumefrom }, path);
}

/** GETs a min-api path with the optional key and turns its in-body error envelope into a typed error. */
async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<unknown> {
  const headers = upstream.apiKey === undefined ? undefined : { authorization: `Apikey ${upstream.apiKey}` };
  const response = await upstream.getJson(path, params, headers);
  const envelope = CryptoCompareErrorSchema.safeParse(response.body);
  if (envelope.success) throw inBodyError(upstream, envelope.data, response.status);
  if (response.status !== 200) throw upstream.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
  return response.body;
}

function inBodyError(upstream: UpstreamClient, { Message: message, Type: type, RateLimit: rateLimit }: CryptoCompareError, upstreamStatus: number): ProviderError {
  if (type === 99 || /rate limit/i.test(message)) {
    const retryAfterMs = cryptoCompareRetryAfterMs(rateLimit, upstream.clock.now());
    return upstream.error('rate_limited', `rate limited (in-body): ${message}`, { upstreamStatus, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  if (/does not exist/i.test(message)) return upstream.error('unknown_symbol', message, { upstreamStatus });
  return upstream.error('unavailable', `upstream error: ${message}`, { upstreamStatus });
}

function isZeroPadding(row: HistoRow): boolean {
  return row.open === 0 && row.high === 0 && row.low === 0 && row.close === 0;
}

/**
 * CryptoCompare min-api: price from `/data/price`, ticker from `/data/pricemultifull` (RAW),
 * candles from `/data/v2/histo*`, each in the quote of the call's market as `tsyms` / `tsym`, with
 * `tryConversion=false`: only a pair CCCAGG really trades is answered, never a price it computed
 * through BTC (the conversion it applies by default). Its errors, rate limits included, arrive with HTTP 200.
 */
export const CRYPTOCOMPARE_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/** `pricemulti` documents `fsyms` as "[Max character length: 300]"; one call counts as one. */
export const CRYPTOCOMPARE_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: 300, maxListChars: 300 }, weight: () => 1, fetch: prices } };
