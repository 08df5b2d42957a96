import { assetBySymbol } from '../find-asset.js';
import { MARKET_ASSETS, type MarketAsset } from '../market-assets.js';
import { roundTo, priceDecimals } from '../number-format.js';
import { TokenBucketLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import { CRYPTO_QUOTES, type VenueMarket } from '../venue-market.js';

interface KrakenPair {
  asset: MarketAsset;
  /** USD, USDT, EUR, GBP, BTC or ETH. */
  quote: string;
  /** The key of the answer: legacy `XXBTZUSD` for old USD pairs, `XBTUSDT` otherwise. */
  resultKey: string;
}

const MINUTE = 60_000;
const OHLC_INTERVALS = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600];
/** Kraken keeps the 720 most recent candles of each interval. */
const MAX_OHLC_ROWS = 720;

// Errors arrive in the `error` array with HTTP 200 (kraken.error_unknown_pair.json).
const UNKNOWN_PAIR = { error: ['EQuery:Unknown asset pair'] };

/** Kraken's quotes besides USDT: fiat (a legacy pair's key swaps its `ZUSD` for `ZEUR`) and coins (`XETHXXBT`, `SOLXBT`). */
const QUOTES = ['USD', 'EUR', 'GBP', 'BTC', 'ETH'];

/** Kraken's code of a quote: BTC is XBT. */
export function krakenQuoteCode(quote: string): string {
  return assetBySymbol(quote)?.krakenBase ?? quote;
}

/** `XBTUSD`, `BTCUSD`, `XXBTZUSD`, `XBTEUR`, `XXBTZGBP`, `XETHXXBT`, `SOLXBT` or `XBTUSDT` (case-insensitive), as Kraken accepts them. */
function pairOf(name: string): KrakenPair | undefined {
  const upper = name.toUpperCase();
  for (const asset of MARKET_ASSETS) {
    const base = asset.krakenBase ?? asset.symbol;
    for (const quote of QUOTES) {
      const key = krakenPairKey(asset, quote);
      if ([`${base}${krakenQuoteCode(quote)}`, `${asset.symbol}${quote}`, key].includes(upper)) return { asset, quote, resultKey: key };
    }
    if ([`${base}USDT`, `${asset.symbol}USDT`].includes(upper)) return { asset, quote: 'USDT', resultKey: `${base}USDT` };
  }
  return undefined;
}

/** The canonical key of `asset`'s pair in `quote` (not USDT): `XXBTZUSD`, `XXBTZEUR`, `XETHXXBT`, `SOLEUR`, `SOLXBT`. */
export function krakenPairKey(asset: MarketAsset, quote: string): string {
  const legacy = asset.krakenResultKey;
  const code = krakenQuoteCode(quote);
  if (legacy !== undefined && legacy.endsWith('ZUSD')) return `${legacy.slice(0, -4)}${CRYPTO_QUOTES.includes(quote) ? 'X' : 'Z'}${code}`;
  if (legacy !== undefined && quote === 'USD') return legacy;
  return `${asset.krakenBase ?? asset.symbol}${code}`;
}

function pairsOf(request: SimRequest): KrakenPair[] | undefined {
  const names = (request.query.get('pair') ?? '').split(',').filter((name) => name !== '');
  const pairs: KrakenPair[] = [];
  for (const name of names) {
    request.noteSymbol(name);
    const pair = pairOf(name);
    if (pair === undefined) return undefined;
    pairs.push(pair);
  }
  return pairs.length === 0 ? undefined : pairs;
}

function krakenPrice(value: number): string {
  const d = priceDecimals(value);
  return roundTo(value, d).toFixed(Math.max(d, 5));
}

/** One `result` entry of `/Ticker` (kraken.ticker.json): strings, except trade counts `t`. */
function tickerEntry(market: VenueMarket, asset: MarketAsset): object {
  const midnight = Math.floor(market.nowMs / (1440 * MINUTE)) * 1440 * MINUTE;
  const today = market.since(asset, midnight);
  const day = market.day(asset);
  const last = day.last;
  const tick = 10 ** -priceDecimals(last);
  return {
    a: [krakenPrice(last + tick), '1', '1.000'],
    b: [krakenPrice(last), '1', '1.000'],
    c: [krakenPrice(last), (day.volume / day.trades).toFixed(8)],
    v: [today.volume.toFixed(8), day.volume.toFixed(8)],
    p: [krakenPrice(today.vwap), krakenPrice(day.vwap)],
    t: [today.trades, day.trades],
    l: [krakenPrice(today.low), krakenPrice(day.low)],
    h: [krakenPrice(today.high), krakenPrice(day.high)],
    o: krakenPrice(today.open),
  };
}

function ticker(request: SimRequest): SimResponse {
  const pairs = pairsOf(request);
  if (pairs === undefined) return reply(200, UNKNOWN_PAIR);
  const result = Object.fromEntries(pairs.map((pair) => [pair.resultKey, tickerEntry(request.market.inQuote(pair.quote), pair.asset)]));
  return reply(200, { error: [], result });
}

/**
 * `/OHLC?pair=&interval=&since=` (kraken.ohlc.json): rows `[time s, o, h, l, c, vwap, volume, count]`,
 * at most 720, the last one still open; `last` is the newest committed candle's time (an int, per the docs).
 */
function ohlc(request: SimRequest): SimResponse {
  const pairs = pairsOf(request);
  if (pairs === undefined) return reply(200, UNKNOWN_PAIR);
  const minutes = Number(request.query.get('interval') ?? 1);
  if (!OHLC_INTERVALS.includes(minutes)) return reply(200, { error: ['EGeneral:Invalid arguments'] });
  const width = minutes * MINUTE;
  const since = Number(request.query.get('since') ?? 0) * 1000;
  const [pair] = pairs as [KrakenPair];
  const market = request.market.inQuote(pair.quote);
  const rows = market
    .candles(pair.asset, width, MAX_OHLC_ROWS)
    .filter((candle) => candle.openTimeMs > since)
    .map((candle) => [
      candle.openTimeMs / 1000,
      krakenPrice(candle.open),
      krakenPrice(candle.high),
      krakenPrice(candle.low),
      krakenPrice(candle.close),
      krakenPrice((candle.open + candle.high + candle.low + candle.close) / 4),
      candle.volume.toFixed(8),
      candle.trades,
    ]);
  const last = (Math.floor(market.nowMs / width) - 1) * (width / 1000);
  return reply(200, { error: [], result: { [pair.resultKey]: rows, last } });
}

function serverTime(request: SimRequest): SimResponse {
  const unixtime = Math.floor(request.market.nowMs / 1000);
  return reply(200, { error: [], result: { unixtime, rfc1123: new Date(unixtime * 1000).toUTCString() } });
}

/** Kraken public REST (`https://api.kraken.com/0/public`). */
export const KRAKEN_SIM: SimProvider = {
  id: 'kraken',
  basePaths: ['/0/public'],
  // "1 per second (or less) would remain within the rate limits", with a small burst allowance.
  rateLimit: { limit: 15, windowMs: 15_000 },
  // Limits are reported in the error array with HTTP 200.
  createLimiter: denyingLimiter(TokenBucketLimiter, () => reply(200, { error: ['EAPI:Rate limit exceeded'] })),
  routes: [
    { endpoint: '/Time', pattern: /^\/Time$/, handle: serverTime },
    { endpoint: '/Ticker', pattern: /^\/Ticker$/, handle: ticker },
    { endpoint: '/OHLC', pattern: /^\/OHLC$/, handle: ohlc },
  ],
  notFound: () => reply(404, { error: ['EGeneral:Unknown method'] }),
  serverError: () => reply(500, { error: ['EService:Unavailable'] }),
  inBodyError: (message = 'EService:Unavailable') => reply(200, { error: [message] }),
  tooManyRequests: (retryAfter) => reply(429, { error: ['EGeneral:Too many requests'] }, { 'retry-after': String(retryAfter) }),
};
