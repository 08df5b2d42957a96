import type { ProviderError } from '../../../core/errors/index.js';
import type { Interval, OhlcvSeries, PriceQuote, Ticker } from '../../../core/providers/capability.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers } from '../../../core/providers/http/http-market-provider.js';
import { parseUpstream } from '../../../core/providers/http/parse-upstream.js';
import { OHLCV_COLUMNS, saneCandle, type CandleField } from '../../../core/providers/http/sane-candle.js';
import { assertNonNegative, assertSanePrice } from '../../../core/providers/http/sanity.js';
import { KrakenEnvelopeSchema, ohlcSchemaFor, tickerSchemaFor, type KrakenTickerEntry } from './kraken-schema.js';

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

/**
 * Kraken public REST: price and ticker from `/Ticker`, candles from `/OHLC`. Errors come inside
 * the body (`"error": [...]`), usually with HTTP 200. Kraken has no 24 h change field (`o` is the
 * open at UTC midnight, not 24 h ago), so `changePercent24h` is null.
 */
export class KrakenProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
    ohlcv: (query, context) => this.ohlcv(query.symbol, query.interval, query.limit, context),
  };

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const entry = await this.tickerEntry(symbol, context);
    return { symbol, price: assertSanePrice(this.id, 'c[0]', entry.c[0]), timestamp: Math.floor(Date.now() / 1000) };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const entry = await this.tickerEntry(symbol, context);
    return {
      symbol,
      price: assertSanePrice(this.id, 'c[0]', entry.c[0]),
      changePercent24h: null,
      high24h: assertSanePrice(this.id, 'h[1]', entry.h[1]),
      low24h: assertSanePrice(this.id, 'l[1]', entry.l[1]),
      volume24h: assertNonNegative(this.id, 'v[1]', entry.v[1]),
      timestamp: Math.floor(Date.now() / 1000),
    };
  }

  private async ohlcv(symbol: string, interval: Interval, limit: number, context: FetchContext): Promise<OhlcvSeries> {
    // Without `since` Kraken sends its 720 most recent rows, which covers any limit it can serve.
    const { body, pair } = await this.call('/OHLC', this.providerSymbol(symbol), { interval: INTERVAL_MINUTES[interval] }, context);
    const rows = parseUpstream(this.id, 'ohlcv answer', ohlcSchemaFor(pair), body).result[pair]!;
    const at = (index: number, column: number): string => `result.${pair}[${index}][${column}]`;
    const candles = rows.map(([time, open, high, low, close, _vwap, volume], index) =>
      saneCandle(this.id, { time, open, high, low, close, volume }, (field) => at(index, OHLC_COLUMNS[field])),
    );
    return { symbol, interval, candles: candles.slice(-limit) };
  }

  private async tickerEntry(symbol: string, context: FetchContext): Promise<KrakenTickerEntry> {
    const { body, pair } = await this.call('/Ticker', this.providerSymbol(symbol), {}, context);
    return parseUpstream(this.id, 'ticker answer', tickerSchemaFor(pair), body).result[pair]!;
  }

  /**
   * GETs `path?pair=<pair>` and unwraps the envelope. The answer is keyed by Kraken's canonical pair
   * name, which differs from an altname given in config (`XBTUSD` answers as `XXBTZUSD`), so a lone
   * pair key is taken whatever its name.
   */
  private async call(path: string, pair: string, params: Record<string, number>, context: FetchContext): Promise<KrakenResult> {
    const response = await this.getJson(path, { pair, ...params }, context);
    const upstreamStatus = response.status;
    const failure = KrakenEnvelopeSchema.safeParse(response.body);
    if (failure.success && failure.data.error.length > 0) throw this.inBodyError(failure.data.error.join('; '), upstreamStatus);
    if (upstreamStatus !== 200) throw this.error('unavailable', `HTTP ${upstreamStatus}`, { upstreamStatus });
    const envelope = parseUpstream(this.id, 'answer', KrakenEnvelopeSchema, response.body);
    const keys = Object.keys(envelope.result ?? {}).filter((key) => key !== 'last');
    const answered = keys.includes(pair) || keys.length !== 1 ? pair : keys[0]!;
    return { body: response.body, pair: answered };
  }

  private inBodyError(message: string, upstreamStatus: number): ProviderError {
    if (RATE_LIMIT_ERRORS.some((code) => message.includes(code))) return this.error('rate_limited', `rate limited (in-body): ${message}`, { upstreamStatus });
    if (message.includes('EQuery:Unknown asset pair')) return this.error('unknown_symbol', message, { upstreamStatus });
    return this.error('unavailable', `upstream error: ${message}`, { upstreamStatus });
  }
}
