import { assetByCoingeckoId } from '../find-asset.js';
import { MARKET_ASSETS, marketCapRank, type MarketAsset } from '../market-assets.js';
import { roundPrice } from '../number-format.js';
import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import { CRYPTO_QUOTES, FIAT_USD, type VenueMarket } from '../venue-market.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const OHLC_DAYS = ['1', '7', '14', '30', '90', '180', '365', 'max'];
/** How far back `days=max` reaches in the simulated market. */
const MAX_DAYS = 1460;

/** The `vs_currencies` the simulated CoinGecko prices in (a subset of `/simple/supported_vs_currencies`). */
const VS_CURRENCIES = ['usd', ...Object.keys(FIAT_USD), ...CRYPTO_QUOTES].map((code) => code.toLowerCase());

/** Unknown coin on `/coins/{id}...` (coingecko.error_coin_not_found.json). */
const COIN_NOT_FOUND = reply(404, { error: 'Could not find coin with the given id' });

function ids(request: SimRequest): string[] {
  return (request.query.get('ids') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function full(value: number): number {
  return Number(value.toPrecision(15));
}

/**
 * `GET /simple/price?ids=&vs_currencies=usd,eur[&include_*]` → `{"bitcoin":{"usd":67187.33,"eur":...}}`, numbers
 * (coingecko.simple_price.json), one key per supported currency asked; unknown ids are silently
 * dropped (coingecko.simple_price_unknown_id.json).
 */
function simplePrice(request: SimRequest): SimResponse {
  const { query, market } = request;
  const wanted = ids(request);
  if (wanted.length === 0) return reply(400, { error: 'Missing parameter ids' });
  const vs = (query.get('vs_currencies') ?? '').split(',').map((currency) => currency.trim().toLowerCase());
  if (vs.every((currency) => currency === '')) return reply(400, { error: 'Missing parameter vs_currencies' });
  const flag = (name: string): boolean => query.get(name) === 'true';
  const body: Record<string, Record<string, number>> = {};
  for (const id of wanted) {
    request.noteSymbol(id);
    const asset = assetByCoingeckoId(id);
    if (asset === undefined) continue;
    const entry: Record<string, number> = {};
    for (const currency of vs.filter((code) => VS_CURRENCIES.includes(code))) {
      const day = market.inQuote(currency.toUpperCase()).day(asset);
      entry[currency] = full(day.last);
      if (flag('include_market_cap')) entry[`${currency}_market_cap`] = full(day.last * asset.circulatingSupply);
      if (flag('include_24hr_vol')) entry[`${currency}_24h_vol`] = full(day.quoteVolume);
      if (flag('include_24hr_change')) entry[`${currency}_24h_change`] = full(day.changePercent);
    }
    if (flag('include_last_updated_at')) entry.last_updated_at = Math.floor(market.nowMs / 1000);
    body[id] = entry;
  }
  return reply(200, body);
}

/** One `/coins/markets` entry (coingecko.coins_markets.json): numbers; `total_volume` in USD; percent change. */
function marketEntry(market: VenueMarket, asset: MarketAsset): object {
  const day = market.day(asset);
  const price = roundPrice(day.last);
  const marketCap = Math.round(day.last * asset.circulatingSupply);
  const openCap = day.open * asset.circulatingSupply;
  const ath = asset.basePrice * 1.25;
  const atl = asset.basePrice * 0.01;
  return {
    id: asset.coingeckoId,
    symbol: asset.symbol.toLowerCase(),
    name: asset.name,
    image: `https://assets.coingecko.com/coins/images/1/large/${asset.coingeckoId}.png`,
    current_price: price,
    market_cap: marketCap,
    market_cap_rank: marketCapRank(asset.symbol),
    fully_diluted_valuation: asset.maxSupply === null ? null : Math.round(day.last * asset.maxSupply),
    total_volume: Math.round(day.quoteVolume),
    high_24h: roundPrice(day.high),
    low_24h: roundPrice(day.low),
    price_change_24h: full(day.last - day.open),
    price_change_percentage_24h: full(day.changePercent),
    market_cap_change_24h: full(marketCap - openCap),
    market_cap_change_percentage_24h: full(((marketCap - openCap) / openCap) * 100),
    circulating_supply: asset.circulatingSupply,
    total_supply: asset.maxSupply ?? asset.circulatingSupply,
    max_supply: asset.maxSupply,
    ath: roundPrice(ath),
    ath_change_percentage: full(((day.last - ath) / ath) * 100),
    ath_date: '2024-03-14T07:10:36.635Z',
    atl: roundPrice(atl),
    atl_change_percentage: full(((day.last - atl) / atl) * 100),
    atl_date: '2015-10-20T00:00:00.000Z',
    roi: null,
    last_updated: new Date(market.nowMs).toISOString(),
  };
}

/** `GET /coins/markets?vs_currency=usd[&ids=]&per_page&page` → an array, biggest market cap first, figures in `vs_currency`. */
function coinsMarkets(request: SimRequest): SimResponse {
  const { query } = request;
  const vs = query.get('vs_currency');
  if (vs === null || vs === '') return reply(400, { error: 'Missing parameter vs_currency' });
  // The body of an unsupported currency is not recorded; this follows the `{"error": ...}` of coingecko.error_coin_not_found.json.
  if (!VS_CURRENCIES.includes(vs.toLowerCase())) return reply(400, { error: 'invalid vs_currency' });
  const wanted = ids(request);
  wanted.forEach((id) => request.noteSymbol(id));
  const assets = (wanted.length === 0 ? [...MARKET_ASSETS] : MARKET_ASSETS.filter((asset) => wanted.includes(asset.coingeckoId))).sort(
    (a, b) => marketCapRank(a.symbol) - marketCapRank(b.symbol),
  );
  const perPage = Math.min(250, Math.max(1, Number(query.get('per_page') ?? 100) || 100));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const market = request.market.inQuote(vs.toUpperCase());
  return reply(200, assets.slice((page - 1) * perPage, page * perPage).map((asset) => marketEntry(market, asset)));
}

/** CoinGecko picks the candle width from `days`: 30 min for 1–2, 4 h for 3–30, 4 days beyond. */
function ohlcWidthMs(days: number): number {
  if (days <= 2) return 30 * MINUTE;
  if (days <= 30) return 240 * MINUTE;
  return 4 * DAY;
}

/**
 * `GET /coins/{id}/ohlc?vs_currency=usd&days=` → `[[closeTimeMs, o, h, l, c]]`, no volume, completed
 * candles only, stamped with their close time (coingecko.coins_ohlc.json).
 */
function coinsOhlc(request: SimRequest): SimResponse {
  const id = request.params[0] ?? '';
  request.noteSymbol(id);
  const asset = assetByCoingeckoId(id);
  if (asset === undefined) return COIN_NOT_FOUND;
  const daysParam = request.query.get('days') ?? '';
  if (!OHLC_DAYS.includes(daysParam)) return reply(400, { error: 'invalid days parameter: use 1, 7, 14, 30, 90, 180, 365 or max' });
  const days = daysParam === 'max' ? MAX_DAYS : Number(daysParam);
  const width = ohlcWidthMs(days);
  const vs = (request.query.get('vs_currency') ?? '').toLowerCase();
  if (!VS_CURRENCIES.includes(vs)) return reply(400, { error: 'invalid vs_currency' });
  const market = request.market.inQuote(vs.toUpperCase());
  const rows = market
    .candles(asset, width, Math.floor((days * DAY) / width), market.nowMs - width)
    .map((candle) => [candle.openTimeMs + width, roundPrice(candle.open), roundPrice(candle.high), roundPrice(candle.low), roundPrice(candle.close)]);
  return reply(200, rows);
}

/** CoinGecko public API v3 (`https://api.coingecko.com/api/v3`). */
export const COINGECKO_SIM: SimProvider = {
  id: 'coingecko',
  basePaths: ['/api/v3'],
  // Keyless/Demo: "~30 calls/min, varies with traffic" (FACTS.md).
  rateLimit: { limit: 30, windowMs: MINUTE },
  createLimiter: denyingLimiter(FixedWindowLimiter, (retryAfter) => tooManyRequests(retryAfter)),
  routes: [
    { endpoint: '/ping', pattern: /^\/ping$/, handle: () => reply(200, { gecko_says: '(V3) To the Moon!' }) },
    { endpoint: '/simple/price', pattern: /^\/simple\/price$/, handle: simplePrice },
    { endpoint: '/coins/markets', pattern: /^\/coins\/markets$/, handle: coinsMarkets },
    { endpoint: '/coins/{id}/ohlc', pattern: /^\/coins\/([^/]+)\/ohlc$/, handle: coinsOhlc },
  ],
  notFound: () => reply(404, { error: 'Incorrect path. Please check https://www.coingecko.com/api/documentation' }),
  serverError: () => reply(500, { status: { error_code: 500, error_message: 'Internal Server Error' } }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter),
};

/** The recorded 429 (coingecko.error_429.json): Retry-After in seconds and a `status` error body. */
function tooManyRequests(retryAfter: number): SimResponse {
  const error_message = "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.";
  return reply(429, { status: { error_code: 429, error_message } }, { 'retry-after': String(retryAfter) });
}
