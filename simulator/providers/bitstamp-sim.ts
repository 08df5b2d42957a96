import { splitPair, STABLE_QUOTES } from '../find-asset.js';
import type { MarketAsset } from '../market-assets.js';
import { priceDecimals, priceString } from '../number-format.js';
import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import { tradingListings } from '../venue-listings.js';
import type { VenueMarket } from '../venue-market.js';

/** Quotes Bitstamp answers pairs in: USD, its stablecoins, EUR, GBP and BTC (converted, VenueMarket.inQuote). */
const QUOTES = ['USD', ...STABLE_QUOTES, 'EUR', 'GBP', 'BTC'];

const STEPS = [60, 180, 300, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400, 259200];

// Bitstamp's unknown-pair and error bodies are not recorded (FACTS.md: UNCONFIRMED); these follow its v2 error envelope.
const PAIR_NOT_FOUND = reply(404, { status: 'error', reason: 'Not Found', code: '404' });

function pairOf(request: SimRequest): ReturnType<typeof splitPair> {
  const raw = request.params[0] ?? '';
  request.noteSymbol(raw);
  // Bitstamp pairs are lowercase (`btcusd`).
  return raw === raw.toLowerCase() ? splitPair(raw, QUOTES) : undefined;
}

/** `GET /ticker/btcusd/` (bitstamp.ticker.json): all strings; `open` is today's, `open_24` the rolling one. */
function ticker(request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if (pair === undefined) return PAIR_NOT_FOUND;
  return reply(200, tickerBody(request.market.inQuote(pair.quote), pair.asset));
}

/** `GET /ticker/`: the ticker of every trading pair Bitstamp lists, each with its `pair` (`BTC/USD`) and `market_type`. */
function allTickers(request: SimRequest): SimResponse {
  const rows = tradingListings('bitstamp').map(({ asset, quote }) => ({ ...tickerBody(request.market.inQuote(quote), asset), pair: `${asset.symbol}/${quote}`, market_type: 'SPOT' }));
  return reply(200, rows);
}

function tickerBody(market: VenueMarket, asset: MarketAsset): Record<string, string> {
  const day = market.day(asset);
  const midnight = Math.floor(market.nowMs / 86_400_000) * 86_400_000;
  const tick = 10 ** -priceDecimals(day.last);
  return {
    timestamp: String(Math.floor(market.nowMs / 1000)),
    open: priceString(market.since(asset, midnight).open),
    high: priceString(day.high),
    low: priceString(day.low),
    last: priceString(day.last),
    volume: day.volume.toFixed(8),
    vwap: priceString(day.vwap),
    bid: priceString(day.last - tick),
    ask: priceString(day.last + tick),
    side: Math.floor(market.nowMs / 1000) % 2 === 0 ? '0' : '1',
    open_24: priceString(day.open),
    percent_change_24: day.changePercent.toFixed(2),
  };
}

/** `GET /ohlc/btcusd/?step=&limit=&start=&end=` → `{data:{pair:"BTC/USD", ohlc:[{timestamp, open, ...}]}}` (bitstamp.ohlc.json). */
function ohlc(request: SimRequest): SimResponse {
  const pair = pairOf(request);
  if (pair === undefined) return PAIR_NOT_FOUND;
  const step = Number(request.query.get('step'));
  const limit = Number(request.query.get('limit'));
  if (!STEPS.includes(step)) return reply(400, { status: 'error', reason: { step: [`Must be one of: ${STEPS.join(', ')}.`] }, code: 'API0007' });
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return reply(400, { status: 'error', reason: { limit: ['Must be between 1 and 1000.'] }, code: 'API0007' });
  const width = step * 1000;
  const market = request.market.inQuote(pair.quote);
  const start = Number(request.query.get('start') ?? Number.NaN) * 1000;
  let end = Number(request.query.get('end') ?? Number.NaN) * 1000;
  if (Number.isNaN(end)) end = Number.isNaN(start) ? market.nowMs : start + (limit - 1) * width;
  const ohlcRows = market.candles(pair.asset, width, limit, end).map((candle) => ({
    timestamp: String(candle.openTimeMs / 1000),
    open: priceString(candle.open),
    high: priceString(candle.high),
    low: priceString(candle.low),
    close: priceString(candle.close),
    volume: candle.volume.toFixed(8),
  }));
  return reply(200, { data: { pair: `${pair.asset.symbol}/${pair.quote}`, ohlc: ohlcRows } });
}

/** Bitstamp REST v2 (`https://www.bitstamp.net/api/v2`); paths end with a slash, which is optional here. */
export const BITSTAMP_SIM: SimProvider = {
  id: 'bitstamp',
  basePaths: ['/api/v2'],
  // "8000 requests per 10 minutes" (older docs; FACTS.md notes a conflicting newer figure).
  rateLimit: { limit: 8000, windowMs: 600_000 },
  createLimiter: denyingLimiter(FixedWindowLimiter, (retryAfter) => tooManyRequests(retryAfter)),
  routes: [
    { endpoint: '/ticker/', pattern: /^\/ticker\/?$/, handle: allTickers },
    { endpoint: '/ticker/{pair}/', pattern: /^\/ticker\/([^/]+)\/?$/, handle: ticker },
    { endpoint: '/ohlc/{pair}/', pattern: /^\/ohlc\/([^/]+)\/?$/, handle: ohlc },
  ],
  notFound: () => PAIR_NOT_FOUND,
  serverError: () => reply(500, { status: 'error', reason: 'Internal server error', code: '500' }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter),
};

function tooManyRequests(retryAfter: number): SimResponse {
  return reply(429, { status: 'error', reason: 'Rate limit exceeded', code: '400.002' }, { 'retry-after': String(retryAfter) });
}
