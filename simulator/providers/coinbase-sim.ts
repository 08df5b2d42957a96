import type { VenueMarket } from '../venue-market.js';
import { assetBySymbol, STABLE_QUOTES } from '../find-asset.js';
import type { MarketAsset } from '../market-assets.js';
import { priceDecimals, priceString, roundPrice, roundTo } from '../number-format.js';
import { TokenBucketLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import { tradeIds } from './trade-ids.js';

interface CoinbaseProduct {
  asset: MarketAsset;
  /** `BTC-USD` as Coinbase spells it. */
  id: string;
  base: string;
  quote: string;
  /** The venue quoting in `quote` (EUR, GBP, BTC and ETH converted). */
  market: VenueMarket;
}

/** Quotes Coinbase lists: USD, its stablecoins, EUR, GBP and BTC, ETH. */
const QUOTES = ['USD', ...STABLE_QUOTES, 'EUR', 'GBP', 'BTC', 'ETH'];

const GRANULARITIES = [60, 300, 900, 3600, 21600, 86400];
/** Exchange candles: at most 300 per request. */
const MAX_CANDLES = 300;

/** `BTC-USD` (any case); the dash format is shared by the Exchange, Advanced and v2 APIs. */
function productOf(request: SimRequest): CoinbaseProduct | { base: string; quote: string } {
  const raw = request.params[0] ?? '';
  request.noteSymbol(raw);
  const [base = '', quote = ''] = raw.toUpperCase().split('-');
  const asset = assetBySymbol(base);
  if (asset === undefined || !QUOTES.includes(quote)) return { base, quote };
  return { asset, id: `${base}-${quote}`, base, quote, market: request.market.inQuote(quote) };
}

function isProduct(product: CoinbaseProduct | { base: string; quote: string }): product is CoinbaseProduct {
  return 'asset' in product;
}

/** Exchange: unknown product (ccxt's map of Coinbase Exchange errors). */
const PRODUCT_NOT_FOUND = reply(404, { message: 'NotFound' });

function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/** v2 `GET /prices/BTC-USD/spot` → `{"data":{"base","currency","amount"}}` (coinbase.v2_spot_price.json). */
function spotPrice(request: SimRequest): SimResponse {
  const product = productOf(request);
  if (!isProduct(product)) {
    const unknown = assetBySymbol(product.base) === undefined ? product.base : product.quote;
    return reply(400, { errors: [{ id: 'invalid_request', message: `Invalid currency (${unknown})` }] });
  }
  return reply(200, { data: { base: product.base, currency: product.quote, amount: priceString(product.market.price(product.asset)) } });
}

/** Exchange `GET /products/{id}/ticker` (coinbase_exchange.product_ticker.json); `trade_id` is an int per the docs. */
function exchangeTicker(request: SimRequest): SimResponse {
  const product = productOf(request);
  if (!isProduct(product)) return PRODUCT_NOT_FOUND;
  const day = product.market.day(product.asset);
  const tick = 10 ** -priceDecimals(day.last);
  return reply(200, {
    ask: priceString(day.last + tick),
    bid: priceString(day.last - tick),
    volume: day.volume.toFixed(8),
    trade_id: tradeIds(request.market.nowMs, day.trades).last,
    price: priceString(day.last),
    size: (day.volume / day.trades).toFixed(8),
    time: isoMicros(request.market.nowMs),
    rfq_volume: (day.volume / 150).toFixed(6),
  });
}

/** Exchange `GET /products/{id}/stats`: 24-hour open/high/low/last/volume, strings (documented shape). */
function exchangeStats(request: SimRequest): SimResponse {
  const product = productOf(request);
  if (!isProduct(product)) return PRODUCT_NOT_FOUND;
  const day = product.market.day(product.asset);
  return reply(200, {
    open: priceString(day.open),
    high: priceString(day.high),
    low: priceString(day.low),
    last: priceString(day.last),
    volume: day.volume.toFixed(8),
    volume_30day: (day.volume * 30).toFixed(8),
  });
}

/**
 * Exchange `GET /products/{id}/candles?granularity=&start=&end=` → `[[time s, low, high, open, close, volume]]`,
 * numbers, newest first (coinbase_exchange.candles.json); more than 300 candles is rejected.
 */
function exchangeCandles(request: SimRequest): SimResponse {
  const product = productOf(request);
  if (!isProduct(product)) return PRODUCT_NOT_FOUND;
  const granularity = Number(request.query.get('granularity') ?? 60);
  if (!GRANULARITIES.includes(granularity)) return reply(400, { message: 'Unsupported granularity' });
  const width = granularity * 1000;
  const { market } = product;
  const start = timeParam(request.query.get('start'));
  const end = timeParam(request.query.get('end')) ?? market.nowMs;
  let count = MAX_CANDLES;
  if (start !== undefined) {
    count = Math.floor(end / width) - Math.ceil(start / width) + 1;
    if (count > MAX_CANDLES) {
      return reply(400, { message: 'granularity too small for the requested time range. Count of aggregations requested exceeds 300' });
    }
  }
  const rows = (count <= 0 ? [] : market.candles(product.asset, width, count, end))
    .map((candle) => [candle.openTimeMs / 1000, roundPrice(candle.low), roundPrice(candle.high), roundPrice(candle.open), roundPrice(candle.close), roundTo(candle.volume, 8)])
    .reverse();
  return reply(200, rows);
}

/** Coinbase takes ISO 8601 or Unix seconds for `start`/`end`. */
function timeParam(raw: string | null): number | undefined {
  if (raw === null || raw === '') return undefined;
  const asNumber = Number(raw);
  const ms = Number.isFinite(asNumber) ? asNumber * 1000 : Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Advanced Trade public `GET /market/products/{id}/ticker?limit=1` (coinbase_advanced.public_product_ticker.json). */
function advancedTicker(request: SimRequest): SimResponse {
  const product = productOf(request);
  if (!isProduct(product)) return reply(404, { error: 'NOT_FOUND', error_details: 'ProductID is invalid', message: 'ProductID is invalid' });
  const { market } = product;
  const price = market.price(product.asset);
  const tick = 10 ** -priceDecimals(price);
  const limit = Math.min(100, Math.max(1, Number(request.query.get('limit') ?? 1) || 1));
  const lastId = tradeIds(market.nowMs, 1).last;
  const trades = Array.from({ length: limit }, (_, index) => ({
    trade_id: String(lastId - index),
    product_id: product.id,
    price: priceString(price),
    size: (0.01 + (index % 7) / 100).toFixed(8),
    time: isoMicros(market.nowMs - index * 250),
    side: index % 2 === 0 ? 'BUY' : 'SELL',
    bid: '',
    ask: '',
  }));
  return reply(200, { trades, best_bid: priceString(price - tick), best_ask: priceString(price) });
}

/**
 * Coinbase under one prefix: the v2 App API (`https://api.coinbase.com/v2`), the Exchange
 * (`https://api.exchange.coinbase.com`) and the Advanced Trade public API
 * (`https://api.coinbase.com/api/v3/brokerage`).
 */
export const COINBASE_SIM: SimProvider = {
  id: 'coinbase',
  basePaths: ['/v2', '/api/v3/brokerage'],
  // Exchange public endpoints: 10 requests/s per IP, bursts up to 15, lazily refilled.
  rateLimit: { limit: 15, windowMs: 1500 },
  createLimiter: denyingLimiter(TokenBucketLimiter, (retryAfter, endpoint) => tooManyRequests(retryAfter, endpoint)),
  routes: [
    { endpoint: '/v2/prices/{pair}/spot', pattern: /^\/prices\/([^/]+)\/spot$/, handle: spotPrice },
    { endpoint: '/products/{id}/ticker', pattern: /^\/products\/([^/]+)\/ticker$/, handle: exchangeTicker },
    { endpoint: '/products/{id}/stats', pattern: /^\/products\/([^/]+)\/stats$/, handle: exchangeStats },
    { endpoint: '/products/{id}/candles', pattern: /^\/products\/([^/]+)\/candles$/, handle: exchangeCandles },
    { endpoint: '/market/products/{id}/ticker', pattern: /^\/market\/products\/([^/]+)\/ticker$/, handle: advancedTicker },
  ],
  notFound: () => reply(404, { message: 'NotFound' }),
  serverError: () => reply(500, { message: 'Internal server error' }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter, '/products'),
};

/** v2 has a documented 429 body (coinbase.v2_error_rate_limited.json); the Exchange sends a message. */
function tooManyRequests(retryAfter: number, endpoint: string): SimResponse {
  const headers = { 'retry-after': String(retryAfter) };
  if (endpoint.startsWith('/v2/')) return reply(429, { errors: [{ id: 'rate_limit_exceeded', message: 'Too many requests' }] }, headers);
  return reply(429, { message: 'Public rate limit exceeded' }, headers);
}
