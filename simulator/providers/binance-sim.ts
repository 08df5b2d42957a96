import { splitPair } from '../find-asset.js';
import { binanceDecimal, priceDecimals } from '../number-format.js';
import { FixedWindowLimiter, retryAfterSeconds } from '../rate-limiters.js';
import type { SimClock } from '../sim-clock.js';
import { MARKET_ASSETS, type MarketAsset } from '../market-assets.js';
import { reply, type RateLimitSetting, type RateVerdict, type SimProvider, type SimRateLimiter, type SimRequest, type SimResponse } from '../sim-route.js';
import type { VenueMarket } from '../venue-market.js';
import { tradeIds } from './trade-ids.js';

// Binance has no USD spot book: USD prices come from stablecoin pairs. Coin and EUR books are converted (VenueMarket.inQuote).
const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BTC', 'ETH', 'EUR'];

const MINUTE = 60_000;
const KLINE_INTERVALS: Readonly<Record<string, number>> = {
  '1s': 1000,
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '8h': 480 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': 1440 * MINUTE,
  '3d': 3 * 1440 * MINUTE,
  '1w': 7 * 1440 * MINUTE,
};

/** Consecutive over-limit requests answered 429 before the IP is banned with 418. */
const STRIKES_BEFORE_BAN = 3;
const FIRST_BAN_MS = 2 * MINUTE;
const LONGEST_BAN_MS = 3 * 24 * 60 * MINUTE;

// Bodies from binance-spot-api-docs errors.md (fixtures binance.error_*.json).
const INVALID_SYMBOL = { code: -1121, msg: 'Invalid symbol.' };
const INVALID_INTERVAL = { code: -1120, msg: 'Invalid interval.' };
const MISSING_SYMBOL = { code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." };

interface BinancePair {
  asset: MarketAsset;
  quote: string;
  symbol: string;
}

function pairOf(symbol: string): BinancePair | undefined {
  // Binance symbols are uppercase only: `btcusdt` is an invalid symbol.
  if (symbol !== symbol.toUpperCase()) return undefined;
  const split = splitPair(symbol, QUOTES);
  return split === undefined ? undefined : { asset: split.asset, quote: split.quote, symbol };
}

/** The pairs a request names: `symbol=X`, `symbols=["X","Y"]`, or every USDT pair; a string is an error body. */
function requestedPairs(request: SimRequest): BinancePair[] | SimResponse {
  const single = request.query.get('symbol');
  const list = request.query.get('symbols');
  let names: string[];
  if (single !== null) names = [single];
  else if (list !== null) {
    const parsed = parseSymbolList(list);
    if (parsed === undefined) return reply(400, { code: -1100, msg: "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'." });
    names = parsed;
  } else names = MARKET_ASSETS.map((asset) => `${asset.symbol}USDT`);
  const pairs: BinancePair[] = [];
  for (const name of names) {
    request.noteSymbol(name);
    const pair = pairOf(name);
    if (pair === undefined) return reply(400, INVALID_SYMBOL);
    pairs.push(pair);
  }
  return pairs;
}

function parseSymbolList(raw: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function tickerPrice(venue: VenueMarket, pair: BinancePair): object {
  const price = venue.inQuote(pair.quote).price(pair.asset);
  return { symbol: pair.symbol, price: binanceDecimal(price, priceDecimals(price)) };
}

/** `GET /api/v3/ticker/24hr`: docs types (fixture binance.ticker_24hr.docs.json): prices strings, ids and times ints. */
function ticker24hr(venue: VenueMarket, pair: BinancePair, mini: boolean): object {
  const market = venue.inQuote(pair.quote);
  const day = market.day(pair.asset);
  const d = priceDecimals(day.last);
  const p = (value: number): string => binanceDecimal(value, d);
  const ids = tradeIds(market.nowMs, day.trades);
  const common = {
    symbol: pair.symbol,
    openPrice: p(day.open),
    highPrice: p(day.high),
    lowPrice: p(day.low),
    lastPrice: p(day.last),
    volume: binanceDecimal(day.volume, 8),
    quoteVolume: binanceDecimal(day.quoteVolume, 8),
    openTime: market.nowMs - 24 * 60 * MINUTE,
    closeTime: market.nowMs,
    firstId: ids.first,
    lastId: ids.last,
    count: day.trades,
  };
  if (mini) return common;
  const tick = 10 ** -d;
  return {
    symbol: pair.symbol,
    priceChange: p(day.last - day.open),
    priceChangePercent: day.changePercent.toFixed(3),
    weightedAvgPrice: binanceDecimal(day.vwap, 8),
    prevClosePrice: p(day.open),
    lastPrice: common.lastPrice,
    lastQty: binanceDecimal(day.volume / day.trades, 8),
    bidPrice: p(day.last - tick),
    bidQty: binanceDecimal(day.volume / 20_000, 8),
    askPrice: common.lastPrice,
    askQty: binanceDecimal(day.volume / 30_000, 8),
    openPrice: common.openPrice,
    highPrice: common.highPrice,
    lowPrice: common.lowPrice,
    volume: common.volume,
    quoteVolume: common.quoteVolume,
    openTime: common.openTime,
    closeTime: common.closeTime,
    firstId: common.firstId,
    lastId: common.lastId,
    count: common.count,
  };
}

/** `GET /api/v3/klines`: rows `[openTime, o, h, l, c, vol, closeTime, quoteVol, trades, takerBase, takerQuote, "0"]` (binance.klines.json). */
function klines(request: SimRequest): SimResponse {
  const symbol = request.query.get('symbol');
  if (symbol === null || symbol === '') return reply(400, MISSING_SYMBOL);
  request.noteSymbol(symbol);
  const pair = pairOf(symbol);
  if (pair === undefined) return reply(400, INVALID_SYMBOL);
  const width = KLINE_INTERVALS[request.query.get('interval') ?? ''];
  if (width === undefined) return reply(400, INVALID_INTERVAL);
  const market = request.market.inQuote(pair.quote);
  const limit = Math.min(1000, Math.max(1, Number(request.query.get('limit') ?? 500) || 500));
  const startTime = optionalNumber(request.query.get('startTime'));
  const endTime = Math.min(optionalNumber(request.query.get('endTime')) ?? market.nowMs, market.nowMs);
  let lastOpen = Math.floor(endTime / width) * width;
  let count = limit;
  if (startTime !== undefined) {
    const firstOpen = Math.ceil(startTime / width) * width;
    lastOpen = Math.min(lastOpen, firstOpen + (limit - 1) * width);
    count = Math.max(0, Math.floor((lastOpen - firstOpen) / width) + 1);
  }
  const candles = count === 0 ? [] : market.candles(pair.asset, width, count, lastOpen);
  const rows = candles.map((candle) => {
    const d = priceDecimals(candle.close);
    const quoteVolume = (candle.volume * (candle.open + candle.close)) / 2;
    return [
      candle.openTimeMs,
      binanceDecimal(candle.open, d),
      binanceDecimal(candle.high, d),
      binanceDecimal(candle.low, d),
      binanceDecimal(candle.close, d),
      binanceDecimal(candle.volume, 8),
      candle.openTimeMs + width - 1,
      binanceDecimal(quoteVolume, 8),
      candle.trades,
      binanceDecimal(candle.volume / 2, 8),
      binanceDecimal(quoteVolume / 2, 8),
      '0',
    ];
  });
  return reply(200, rows);
}

function optionalNumber(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function onePairOrList(request: SimRequest, render: (pair: BinancePair) => object): SimResponse {
  const pairs = requestedPairs(request);
  if (!Array.isArray(pairs)) return pairs;
  return reply(200, request.query.has('symbol') ? render(pairs[0]!) : pairs.map(render));
}

/** `symbols=[...]` weight of `/ticker/24hr` grows with the number of symbols, as documented. */
function ticker24hrWeight(query: URLSearchParams): number {
  if (query.has('symbol')) return 2;
  const list = query.get('symbols');
  if (list === null) return 80;
  const count = parseSymbolList(list)?.length ?? 1;
  return count <= 20 ? 2 : count <= 100 ? 40 : 80;
}

/**
 * Request weight per IP in fixed one-minute windows; every answer carries the used weight. Over the
 * limit: 429 with Retry-After; keep sending and the IP is banned with 418 for 2 minutes, doubling
 * each time up to 3 days (rest-api.md "IP Limits").
 */
class BinanceWeightLimiter implements SimRateLimiter {
  private readonly window: FixedWindowLimiter;
  private bannedUntil = 0;
  private banMs = FIRST_BAN_MS;
  private strikes = 0;

  constructor(
    private readonly setting: RateLimitSetting,
    private readonly clock: SimClock,
  ) {
    this.window = new FixedWindowLimiter(setting, clock);
  }

  admit(cost: number): RateVerdict {
    const now = this.clock.now();
    if (now < this.bannedUntil) return { denied: banned(this.bannedUntil, now) };
    const decision = this.window.take(cost);
    const headers = { 'x-mbx-used-weight': String(decision.used), 'x-mbx-used-weight-1m': String(decision.used) };
    if (decision.allowed) {
      this.strikes = 0;
      return { headers };
    }
    this.strikes += 1;
    if (this.strikes > STRIKES_BEFORE_BAN) {
      this.strikes = 0;
      this.bannedUntil = now + this.banMs;
      this.banMs = Math.min(this.banMs * 2, LONGEST_BAN_MS);
      return { denied: banned(this.bannedUntil, now), headers };
    }
    return { denied: tooMuchWeight(this.setting, retryAfterSeconds(decision.retryAfterMs)), headers };
  }
}

function tooMuchWeight(setting: RateLimitSetting, retryAfter: number): SimResponse {
  const per = setting.windowMs === MINUTE ? '1 MINUTE' : `${setting.windowMs / 1000} SECOND`;
  const msg = `Too much request weight used; current limit is ${setting.limit} request weight per ${per}. Please use WebSocket Streams for live updates to avoid polling the API.`;
  return reply(429, { code: -1003, msg }, { 'retry-after': String(retryAfter) });
}

function banned(untilMs: number, now: number): SimResponse {
  const msg = `Way too much request weight used; IP banned until ${untilMs}. Please use WebSocket Streams for live updates to avoid bans.`;
  return reply(418, { code: -1003, msg }, { 'retry-after': String(retryAfterSeconds(untilMs - now)) });
}

/** Binance spot REST (`https://api.binance.com`, same paths on `data-api.binance.vision`). */
export const BINANCE_SIM: SimProvider = {
  id: 'binance',
  basePaths: [],
  rateLimit: { limit: 6000, windowMs: MINUTE },
  createLimiter: (setting, clock) => new BinanceWeightLimiter(setting, clock),
  routes: [
    { endpoint: '/api/v3/ping', pattern: /^\/api\/v3\/ping$/, handle: () => reply(200, {}) },
    { endpoint: '/api/v3/time', pattern: /^\/api\/v3\/time$/, handle: (request) => reply(200, { serverTime: request.market.nowMs }) },
    {
      endpoint: '/api/v3/ticker/price',
      pattern: /^\/api\/v3\/ticker\/price$/,
      cost: (query) => (query.has('symbol') ? 2 : 4),
      handle: (request) => onePairOrList(request, (pair) => tickerPrice(request.market, pair)),
    },
    {
      endpoint: '/api/v3/ticker/24hr',
      pattern: /^\/api\/v3\/ticker\/24hr$/,
      cost: ticker24hrWeight,
      handle: (request) => onePairOrList(request, (pair) => ticker24hr(request.market, pair, request.query.get('type') === 'MINI')),
    },
    { endpoint: '/api/v3/klines', pattern: /^\/api\/v3\/klines$/, cost: () => 2, handle: klines },
  ],
  notFound: () => reply(404, { code: -1000, msg: 'Not found.' }),
  serverError: () => reply(500, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }),
  tooManyRequests: (retryAfter) => tooMuchWeight({ limit: 6000, windowMs: MINUTE }, retryAfter),
};
