import { splitPair, STABLE_QUOTES } from '../find-asset.js';
import { priceDecimals, priceString, roundPrice, roundTo } from '../number-format.js';
import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import { tradingListings } from '../venue-listings.js';

/** Quotes Gemini answers pairs in: USD, its stablecoins, EUR, GBP and BTC (converted, VenueMarket.inQuote). */
const QUOTES = ['USD', ...STABLE_QUOTES, 'EUR', 'GBP', 'BTC'];

const MINUTE = 60_000;
const TIME_FRAMES: Readonly<Record<string, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1hr': 60 * MINUTE,
  '6hr': 360 * MINUTE,
  '1day': 1440 * MINUTE,
};
/** How many candles `/v2/candles` returns: Gemini gives a fixed recent history, not a requested count. */
const CANDLE_COUNT = 720;

function pairOf(request: SimRequest): ReturnType<typeof splitPair> {
  const raw = request.params[0] ?? '';
  request.noteSymbol(raw);
  return splitPair(raw, QUOTES);
}

function invalidSymbol(request: SimRequest): SimResponse {
  return reply(400, { result: 'error', reason: 'InvalidSymbol', message: `Supplied value '${request.params[0] ?? ''}' is not a valid symbol` });
}

/** `GET /v1/pubticker/btcusd` → `{bid, ask, last, volume:{BTC, USD, timestamp ms}}` (gemini.pubticker.json); `timestamp` an int per the docs. */
function pubticker(request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if (pair === undefined) return invalidSymbol(request);
  const market = request.market.inQuote(pair.quote);
  const day = market.day(pair.asset);
  const tick = 10 ** -priceDecimals(day.last);
  return reply(200, {
    bid: priceString(day.last - tick),
    ask: priceString(day.last + tick),
    last: priceString(day.last),
    volume: { [pair.asset.symbol]: day.volume.toFixed(8), [pair.quote]: day.quoteVolume.toFixed(8), timestamp: Math.floor(market.nowMs / 1000) * 1000 },
  });
}

/** `GET /v2/ticker/btcusd` → `{symbol, open, high, low, close, changes[24 hourly closes, newest first], bid, ask}`. */
function tickerV2(request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if (pair === undefined) return invalidSymbol(request);
  const market = request.market.inQuote(pair.quote);
  const day = market.day(pair.asset);
  const tick = 10 ** -priceDecimals(day.last);
  const changes = market
    .candles(pair.asset, 60 * MINUTE, 24)
    .map((candle) => priceString(candle.close))
    .reverse();
  return reply(200, {
    symbol: `${pair.asset.symbol}${pair.quote}`,
    open: priceString(day.open),
    high: priceString(day.high),
    low: priceString(day.low),
    close: priceString(day.last),
    changes,
    bid: priceString(day.last - tick),
    ask: priceString(day.last + tick),
  });
}

/**
 * `GET /v1/pricefeed` → every trading pair Gemini lists: `[{pair: "BTCUSD", price, percentChange24h}]`,
 * strings, the change as a fraction (Gemini docs "List Prices").
 */
function priceFeed(request: SimRequest): SimResponse {
  const rows = tradingListings('gemini').map(({ asset, quote }) => {
    const day = request.market.inQuote(quote).day(asset);
    return { pair: `${asset.symbol}${quote}`, price: priceString(day.last), percentChange24h: (day.changePercent / 100).toFixed(4) };
  });
  return reply(200, rows);
}

/** `GET /v2/candles/btcusd/1hr` → `[[ms, o, h, l, c, v]]`, numbers, newest first (gemini.candles.json). */
function candles(request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if (pair === undefined) return invalidSymbol(request);
  const width = TIME_FRAMES[request.params[1] ?? ''];
  if (width === undefined) return reply(400, { result: 'error', reason: 'InvalidTimeFrame', message: `Supplied value '${request.params[1] ?? ''}' is not a valid time frame` });
  const rows = request.market
    .inQuote(pair.quote)
    .candles(pair.asset, width, CANDLE_COUNT)
    .map((candle) => [candle.openTimeMs, roundPrice(candle.open), roundPrice(candle.high), roundPrice(candle.low), roundPrice(candle.close), roundTo(candle.volume, 8)])
    .reverse();
  return reply(200, rows);
}

/** Gemini public REST (`https://api.gemini.com`). */
export const GEMINI_SIM: SimProvider = {
  id: 'gemini',
  basePaths: [],
  // Public API: 120 requests per minute.
  rateLimit: { limit: 120, windowMs: MINUTE },
  createLimiter: denyingLimiter(FixedWindowLimiter, (retryAfter) => tooManyRequests(retryAfter)),
  routes: [
    { endpoint: '/v1/pricefeed', pattern: /^\/v1\/pricefeed$/, handle: priceFeed },
    { endpoint: '/v1/pubticker/{symbol}', pattern: /^\/v1\/pubticker\/([^/]+)$/, handle: pubticker },
    { endpoint: '/v2/ticker/{symbol}', pattern: /^\/v2\/ticker\/([^/]+)$/, handle: tickerV2 },
    { endpoint: '/v2/candles/{symbol}/{frame}', pattern: /^\/v2\/candles\/([^/]+)\/([^/]+)$/, handle: candles },
  ],
  notFound: (path) => reply(404, { result: 'error', reason: 'EndpointNotFound', message: `API entry point \`${path}\` not found` }),
  serverError: () => reply(500, { result: 'error', reason: 'System', message: 'We are experiencing technical issues. Please try again later.' }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter),
};

function tooManyRequests(retryAfter: number): SimResponse {
  return reply(429, { result: 'error', reason: 'RateLimit', message: 'Requests were made too frequently. Please slow down.' }, { 'retry-after': String(retryAfter) });
}
