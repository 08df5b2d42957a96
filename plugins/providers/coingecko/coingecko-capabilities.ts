import { answerEach, type BatchAnswers, type BatchFunctions, type ProviderError, INTERVAL_SECONDS, type CapabilityQuery, type OhlcvSeries, type PriceQuote, type Ticker, mergeCandles, OHLCV_COLUMNS, saneCandle, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type UpstreamResponse, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { planCoinGeckoOhlc } from './coingecko-ohlc-plan.js';
import { CoinGeckoErrorSchema, CoinsMarketsSchema, CoinsOhlcSchema, SimplePriceListSchema, simplePriceEntrySchema, simplePriceSchema } from './coingecko-schema.js';

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const { id, vs } = coinOf(upstream, symbol);
  const response = await get(upstream, '/simple/price', { ids: id, vs_currencies: vs, include_last_updated_at: true });
  const quote = upstream.parse('price answer', simplePriceSchema(vs), response.body)[id];
  if (quote === undefined) throw unknownId(upstream, id, response.status);
  return priceIn(upstream, symbol, id, vs, quote);
}

/** `/simple/price` takes many comma-separated ids and silently drops the unknown ones. */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const coins = queries.map((query) => coinOf(upstream, query.symbol));
  const vsCurrencies = [...new Set(coins.map((coin) => coin.vs))].join(',');
  const response = await get(upstream, '/simple/price', { ids: coins.map((coin) => coin.id).join(','), vs_currencies: vsCurrencies, include_last_updated_at: true });
  const entries = upstream.parse('batch price answer', SimplePriceListSchema, response.body);
  return answerEach(queries, ({ symbol }) => {
    const { id, vs } = coinOf(upstream, symbol);
    if (!Object.hasOwn(entries, id)) return undefined;
    return priceIn(upstream, symbol, id, vs, upstream.parse(`price answer for ${id}`, simplePriceEntrySchema(vs), entries[id]));
  });
}

function priceIn(upstream: UpstreamClient, symbol: string, id: string, vs: string, entry: { price: number; last_updated_at?: number | undefined }): PriceQuote {
  return {
    symbol,
    price: assertSanePrice(upstream, `${id}.${vs}`, entry.price),
    timestamp: entry.last_updated_at === undefined ? upstream.nowSeconds() : toSaneUnixSeconds(upstream, `${id}.last_updated_at`, entry.last_updated_at),
  };
}

/** The coin id of a ticker and the `vs_currency` of this call's market (`usd`, `eur`, `btc`). */
function coinOf(upstream: UpstreamClient, symbol: string): { id: string; vs: string } {
  const market = upstream.marketFor(symbol);
  return { id: market.id, vs: market.quote.toLowerCase() };
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const { id, vs } = coinOf(upstream, symbol);
  const response = await get(upstream, '/coins/markets', { vs_currency: vs, ids: id });
  const market = upstream.parse('ticker answer', CoinsMarketsSchema, response.body).find((entry) => entry.id === id);
  if (market === undefined) throw unknownId(upstream, id, response.status);
  // An aggregate: no order book (bid, ask), no open, and `total_volume` is in the vs currency only.
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
  const { id, vs } = coinOf(upstream, symbol);
  const plan = planCoinGeckoOhlc(interval, limit);
  if (plan === undefined) throw upstream.error('unsupported', `has no ${interval} candles (its finest is 30 minutes)`);
  const response = await get(upstream, `/coins/${encodeURIComponent(id)}/ohlc`, { vs_currency: vs, days: plan.days });
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
 * `/coins/{id}/ohlc`, each in the quote of the call's market as its `vs_currencies` /
 * `vs_currency` (`usd`, `eur`, `btc`: CoinGecko's own price in that currency). Symbols are coin ids
 * (`bitcoin`); an unknown id is silently dropped, so an empty answer means unknown_symbol, not a failure.
 */
export const COINGECKO_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/**
 * `/simple/price` documents no id count limit; 250 (its `/coins/markets` page size) keeps the URL
 * near 3 KB. One call costs one of the keyless per-minute calls.
 */
export const COINGECKO_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: 250 }, weight: () => 1, fetch: prices } };
