import { answerEach, type BatchAnswers, type BatchFunctions, type ProviderError, type CapabilityQuery, type Interval, type OhlcvSeries, type PriceQuote, type Ticker, OHLCV_COLUMNS, saneCandle, type CandleField, assertNonNegative, assertSanePrice, type CapabilityFunctions, type UpstreamClient } from '../../../core/index.js';
import { KrakenEnvelopeSchema, KrakenTickerEntrySchema, KrakenTickerListSchema, ohlcSchemaFor, tickerSchemaFor, type KrakenTickerEntry } from './kraken-schema.js';

/** Kraken's OHLC `interval` is in minutes. */
const INTERVAL_MINUTES: Readonly<Record<Interval, number>> = { '1m': 1, '5m': 5, '15m': 15, '30m': 30, '1h': 60, '4h': 240, '1d': 1440 };

/** Kraken's OHLC rows carry the VWAP in column 5, so the volume is in column 6. */
const OHLC_COLUMNS: Readonly<Record<CandleField, number>> = { ...OHLCV_COLUMNS, volume: 6 };

/** Kraken's error strings that mean "slow down" (ccxt's kraken exception map). */
const RATE_LIMIT_ERRORS = ['EGeneral:Too many requests', 'EAPI:Rate limit exceeded', 'EGeneral:Temporary lockout'];

/** A Kraken answer whose error array was empty: its result, keyed by the pair it answered for. */
interface KrakenResult {
  body: unknown;
  /** The key the pair's data sits under. */
  pair: string;
}

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const entry = await tickerEntry(symbol, upstream);
  return { symbol, price: assertSanePrice(upstream, 'c[0]', entry.c[0]), timestamp: upstream.nowSeconds() };
}

/**
 * `/Ticker?pair=XXBTZUSD,XETHZUSD` answers each pair under its canonical key, which our symbol map
 * holds. One unknown pair makes Kraken refuse the whole call (`EQuery:Unknown asset pair`).
 */
async function prices(queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<BatchAnswers<'price'>> {
  const pairs = queries.map((query) => upstream.symbolFor(query.symbol));
  const { body } = await get(upstream, '/Ticker', pairs.join(','), {});
  const result = upstream.parse('batch ticker answer', KrakenTickerListSchema, body).result;
  const timestamp = upstream.nowSeconds();
  return answerEach(queries, ({ symbol }) => {
    const pair = upstream.symbolFor(symbol);
    if (!Object.hasOwn(result, pair)) return undefined;
    const entry = upstream.parse(`ticker answer for ${pair}`, KrakenTickerEntrySchema, result[pair]);
    return { symbol, price: assertSanePrice(upstream, `result.${pair}.c[0]`, entry.c[0]), timestamp };
  });
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const entry = await tickerEntry(symbol, upstream);
  // `o` is today's open (UTC midnight), not the price 24 h ago; Kraken states no change and no quote volume.
  return {
    symbol,
    price: assertSanePrice(upstream, 'c[0]', entry.c[0]),
    bid: entry.b === undefined ? null : assertSanePrice(upstream, 'b[0]', entry.b[0]),
    ask: entry.a === undefined ? null : assertSanePrice(upstream, 'a[0]', entry.a[0]),
    open24h: null,
    high24h: assertSanePrice(upstream, 'h[1]', entry.h[1]),
    low24h: assertSanePrice(upstream, 'l[1]', entry.l[1]),
    baseVolume24h: assertNonNegative(upstream, 'v[1]', entry.v[1]),
    quoteVolume24h: null,
    change24h: null,
    changePercent24h: null,
    timestamp: upstream.nowSeconds(),
  };
}

async function ohlcv({ symbol, interval, limit }: CapabilityQuery<'ohlcv'>, upstream: UpstreamClient): Promise<OhlcvSeries> {
  // Without `since` Kraken sends its 720 most recent rows, which covers any limit it can serve.
  const { body, pair } = await get(upstream, '/OHLC', upstream.symbolFor(symbol), { interval: INTERVAL_MINUTES[interval] });
  const rows = upstream.parse('ohlcv answer', ohlcSchemaFor(pair), body).result[pair]!;
  const at = (index: number, column: number): string => `result.${pair}[${index}][${column}]`;
  const candles = rows.map(([time, open, high, low, close, _vwap, volume], index) =>
    saneCandle(upstream, { time, open, high, low, close, volume }, (field) => at(index, OHLC_COLUMNS[field])),
  );
  return { symbol, interval, candles: candles.slice(-limit) };
}

async function tickerEntry(symbol: string, upstream: UpstreamClient): Promise<KrakenTickerEntry> {
  const { body, pair } = await get(upstream, '/Ticker', upstream.symbolFor(symbol), {});
  return upstream.parse('ticker answer', tickerSchemaFor(pair), body).result[pair]!;
}

/**
 * GETs `path?pair=<pair>` and unwraps the envelope. The answer is keyed by Kraken's canonical pair
 * name, which differs from an altname given in config (`XBTUSD` answers as `XXBTZUSD`), so a lone
 * pair key is taken whatever its name.
 */
async function get(upstream: UpstreamClient, path: string, pair: string, params: Record<string, number>): Promise<KrakenResult> {
  const response = await upstream.getJson(path, { pair, ...params });
  const upstreamStatus = response.status;
  const failure = KrakenEnvelopeSchema.safeParse(response.body);
  if (failure.success && failure.data.error.length > 0) throw inBodyError(upstream, failure.data.error.join('; '), upstreamStatus);
  if (upstreamStatus !== 200) throw upstream.error('unavailable', `HTTP ${upstreamStatus}`, { upstreamStatus });
  const envelope = upstream.parse('answer', KrakenEnvelopeSchema, response.body);
  const keys = Object.keys(envelope.result ?? {}).filter((key) => key !== 'last');
  const answered = keys.includes(pair) || keys.length !== 1 ? pair : keys[0]!;
  return { body: response.body, pair: answered };
}

function inBodyError(upstream: UpstreamClient, message: string, upstreamStatus: number): ProviderError {
  if (RATE_LIMIT_ERRORS.some((code) => message.includes(code))) return upstream.error('rate_limited', `rate limited (in-body): ${message}`, { upstreamStatus });
  if (message.includes('EQuery:Unknown asset pair')) return upstream.error('unknown_symbol', message, { upstreamStatus });
  return upstream.error('unavailable', `upstream error: ${message}`, { upstreamStatus });
}

/**
 * Kraken public REST: price and ticker from `/Ticker`, candles from `/OHLC`. Errors come inside
 * the body (`"error": [...]`), usually with HTTP 200. Kraken has no 24 h change field (`o` is the
 * open at UTC midnight, not 24 h ago), so `changePercent24h` is null.
 */
export const KRAKEN_CAPABILITIES: CapabilityFunctions = { price, ticker, ohlcv };

/**
 * Kraken documents no limit on the pair list, but answers a huge one with a Cloudflare 520
 * (FACTS.md); 100 canonical pairs keep the URL under 1 KB. A call counts as one.
 */
export const KRAKEN_BATCHES: BatchFunctions = { price: { limit: { maxSymbols: 100 }, weight: () => 1, fetch: prices } };
