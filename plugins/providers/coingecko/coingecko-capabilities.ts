import { answerEach, type BatchAnswers, type BatchFunctions, type ProviderError, INTERVAL_SECONDS, type CapabilityQuery, type OhlcvSeries, type PriceQuote, type Ticker, mergeCandles, OHLCV_COLUMNS, saneCandle, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type UpstreamResponse, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { planCoinGeckoOhlc } from './coingecko-ohlc-plan.js';
import { CoinGeckoErrorSchema, CoinsMarketsSchema, CoinsOhlcSchema, SimplePriceEntrySchema, SimplePriceListSchema, SimplePriceSchema } from './coingecko-schema.js';

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const id = upstream.symbolFor(symbol);
  const response = await get(upstream, '/simple/price', { ids: id, vs_currencies: 'usd', include_last_updated_at: true });
  const quotes = upstream.parse('price answer', SimplePriceSchema, response.body);
  const quote = quotes[id];
  if (quote === undefined) throw unknownId(upstream, id, response.status);
  return {
    symbol,
    price: assertSanePrice(upstream, `${id}.usd`, quote.usd),
    timestamp: quote.last_updated_at === undefined ? upstream.nowSeconds() : toSaneUnixSeconds(upstream, `${id}.last_updated_at`, quote.last_updated_at),
  };
}

/** `/simple/price` takes many comma-separated ids and silently drops the unknown ones. */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const ids = queries.map((query) => upstream.symbolFor(query.symbol));
  const response = await get(upstream, '/simple/price', { ids: ids.join(','), vs_currencies: 'usd', include_last_updated_at: true });
  const entries = upstream.parse('batch price answer', SimplePriceListSchema, response.body);
  return answerEach(queries, ({ symbol }) => {
    const id = upstream.symbolFor(symbol);
    if (!Object.hasOwn(entries, id)) return undefined;
    const quote = upstream.parse(`price answer for ${id}`, SimplePriceEntrySchema, entries[id]);
    return {
      symbol,
      price: assertSanePrice(upstream, `${id}.usd`, quote.usd),
      timestamp: quote.last_updated_at === undefined ? upstream.nowSeconds() : toSaneUnixSeconds(upstream, `${id}.last_updated_at`, quote.last_updated_at),
    };
  });
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const id = upstream.symbolFor(symbol);
  const response = await get(upstream, '/coins/markets', { vs_currency: 'usd', ids: id });
  const market = upstream.parse('ticker answer', CoinsMarketsSchema, response.body).find((entry) => entry.id === id);
  if (market === undefined) throw unknownId(upstream, id, response.status);
  // An aggregate: no order book (bid, ask), no open, and `total_volume` is in USD only.
  return {
    symbol,
    price: assertSanePrice(upstream, 'current_price', market.current_price),
    bid: null,
    ask: null,
    open24h: null,
    high24h: assertSanePrice(upstream, 'high_24h', market.high_24h),
    low24h: assertSanePrice(upstream, 'low_24h', market.low_24h),
    baseVolume24h: null,
    quoteVolume24h: assertNonNegative(upstream, 'total_volume', market.total_volume),
    change24h: market.price_change_24h ?? null,
    changePercent24h: market.price_change_percentage_24h,
    timestamp: toSaneUnixSeconds(upstream, 'last_updated', market.last_updated),
  };
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  const id = upstream.symbolFor(symbol);
  const plan = planCoinGeckoOhlc(interval, limit);
  if (plan === undefined) throw upstream.error('unsupported', `has no ${interval} candles (its finest is 30 minutes)`);
  const response = await get(upstream, `/coins/${encodeURIComponent(id)}/ohlc`, { vs_currency: 'usd', days: plan.days });
  const rows = upstream.parse('ohlcv answer', CoinsOhlcSchema, response.body);
  const native = rows.map(([closeTime, open, high, low, close], index) => {
    // CoinGecko stamps a candle with its close time in ms and sends no volume; ours carry the open time.
    const time = closeTime - plan.nativeSeconds * 1000;
    return saneCandle(upstream, { time, open, high, low, close, volume: null }, (field) => `[${index}][${OHLCV_COLUMNS[field]}]`);
  });
  const width = INTERVAL_SECONDS[interval];
  // CoinGecko sends a candle for every period, so a merged one missing a part is incomplete.
  const candles = width === plan.nativeSeconds ? native : mergeCandles(native, { widthSeconds: width, nativeSeconds: plan.nativeSeconds });
  return { symbol, interval, candles: candles.slice(-limit) };
}

/** GETs a path with the optional Demo key, turning CoinGecko's error bodies and statuses into typed errors. */
async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<UpstreamResponse> {
  const headers = upstream.apiKey === undefined ? undefined : { 'x-cg-demo-api-key': upstream.apiKey };
  const response = await upstream.getJson(path, params, headers);
  const { status } = response;
  const failure = CoinGeckoErrorSchema.safeParse(response.body);
  if (failure.success) {
    const { code, message } = failure.data;
    if (code === 429) throw upstream.error('rate_limited', `rate limited (in-body): ${message}`, { upstreamStatus: status });
    if (status === 404 || /not find|not found/i.test(message)) throw upstream.error('unknown_symbol', message, { upstreamStatus: status });
    throw upstream.error('unavailable', `upstream error ${code ?? status}: ${message}`, { upstreamStatus: status });
  }
  if (status === 404) throw upstream.error('unknown_symbol', 'HTTP 404', { upstreamStatus: status });
  if (status !== 200) throw upstream.error('unavailable', `HTTP ${status}`, { upstreamStatus: status });
  return response;
}

function unknownId(upstream: UpstreamClient, id: string, upstreamStatus: number): ProviderError {
  return upstream.error('unknown_symbol', `does not know the coin id "${id}"`, { upstreamStatus });
}

/**
 * CoinGecko v3: price from `/simple/price`, ticker from `/coins/markets`, candles from
 * `/coins/{id}/ohlc`. Symbols are coin ids (`bitcoin`); an unknown id is silently dropped, so an
 * empty answer means unknown_symbol, not a failure.
 */
export const COINGECKO_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/**
 * `/simple/price` documents no id count limit; 250 (its `/coins/markets` page size) keeps the URL
 * near 3 KB. One call costs one of the keyless per-minute calls.
 */
export const COINGECKO_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: 250 }, weight: () => 1, fetch: prices } };
