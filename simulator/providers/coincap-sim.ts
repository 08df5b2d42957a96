import { assetByCoincapId } from '../find-asset.js';
import { aggregatedAssets } from '../venue-listings.js';
import { MARKET_ASSETS, marketCapRank, type MarketAsset } from '../market-assets.js';
import { FixedWindowLimiter, denyingLimiter } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import type { VenueMarket } from '../venue-market.js';

const MINUTE = 60_000;
const HISTORY_INTERVALS: Readonly<Record<string, number>> = {
  m1: MINUTE,
  m5: 5 * MINUTE,
  m15: 15 * MINUTE,
  m30: 30 * MINUTE,
  h1: 60 * MINUTE,
  h2: 120 * MINUTE,
  h6: 360 * MINUTE,
  h12: 720 * MINUTE,
  d1: 1440 * MINUTE,
};

/** What v2 answered after its retirement (coincap.v2_deprecated_message.json). */
const V2_RETIRED_MESSAGE = 'We are deprecating this version of the CoinCap API on March 31, 2025. Sign up for our new V3 API at https://pro.coincap.io/dashboard';

/** CoinCap's numbers are decimal strings with 16 places (coincap.v2_asset_bitcoin.json). */
function decimal(value: number): string {
  return value.toFixed(16);
}

/** One asset object: every figure a string, `maxSupply` null when uncapped (coincap.v2_assets.json). */
function assetEntry(market: VenueMarket, asset: MarketAsset): object {
  const day = market.day(asset);
  return {
    id: asset.coincapId ?? asset.coingeckoId,
    rank: String(marketCapRank(asset.symbol)),
    symbol: asset.symbol,
    name: asset.name,
    supply: decimal(asset.circulatingSupply),
    maxSupply: asset.maxSupply === null ? null : decimal(asset.maxSupply),
    marketCapUsd: decimal(day.last * asset.circulatingSupply),
    volumeUsd24Hr: decimal(day.quoteVolume),
    priceUsd: decimal(day.last),
    changePercent24Hr: decimal(day.changePercent),
    vwap24Hr: decimal(day.vwap),
  };
}

/**
 * v3 needs a key (`?apiKey=` or `Authorization: Bearer`); any non-empty one is accepted here. The
 * real v3 body for a missing key was not captured (FACTS.md), so this one is modelled on its errors.
 */
function missingKey(request: SimRequest): SimResponse | undefined {
  const query = request.query.get('apiKey') ?? '';
  const bearer = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return query === '' && bearer === '' ? reply(401, { error: 'Unauthorized: an API key is required (apiKey query parameter or Authorization: Bearer header)' }) : undefined;
}

function notFound(id: string): SimResponse {
  return reply(404, { error: `${id} not found` });
}

/** `GET /assets[?ids=a,b&limit&offset]` → `{data:[...], timestamp}`. */
function assets(request: SimRequest): SimResponse {
  const denied = missingKey(request);
  if (denied !== undefined) return denied;
  const { query, market } = request;
  const wanted = (query.get('ids') ?? '').split(',').filter((id) => id !== '');
  wanted.forEach((id) => request.noteSymbol(id));
  // Without ids: every asset CoinCap tracks (not the exchanges' newest listings).
  const selected = (wanted.length === 0 ? aggregatedAssets() : MARKET_ASSETS.filter((asset) => wanted.includes(asset.coincapId ?? asset.coingeckoId))).sort(
    (a, b) => marketCapRank(a.symbol) - marketCapRank(b.symbol),
  );
  const limit = Math.min(2000, Math.max(1, Number(query.get('limit') ?? 100) || 100));
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  return reply(200, { data: selected.slice(offset, offset + limit).map((asset) => assetEntry(market, asset)), timestamp: market.nowMs });
}

/** Answers `/assets/{id}…` with `answer` for the asset the path names; the key refusal and the 404 come first. */
function forAsset(request: SimRequest, answer: (found: MarketAsset) => SimResponse): SimResponse {
  const denied = missingKey(request);
  if (denied !== undefined) return denied;
  const id = request.params[0] ?? '';
  request.noteSymbol(id);
  const found = assetByCoincapId(id);
  return found === undefined ? notFound(id) : answer(found);
}

/** `GET /assets/{id}` → `{data:{...}, timestamp}` (coincap.v2_asset_bitcoin.json). */
function asset(request: SimRequest): SimResponse {
  return forAsset(request, (found) => reply(200, { data: assetEntry(request.market, found), timestamp: request.market.nowMs }));
}

/** `GET /assets/{id}/history?interval=h1[&start&end]` → `{data:[{priceUsd, time, date}], timestamp}`. */
function history(request: SimRequest): SimResponse {
  return forAsset(request, (found) => historyOf(request, found));
}

/** The history of a known asset at `interval` from `start` to `end` (default: the day before now). */
function historyOf(request: SimRequest, found: MarketAsset): SimResponse {
  const interval = request.query.get('interval') ?? '';
  const width = HISTORY_INTERVALS[interval];
  if (width === undefined) return reply(400, { error: `missing interval: use one of ${Object.keys(HISTORY_INTERVALS).join(', ')}` });
  const { market } = request;
  const end = Number(request.query.get('end') ?? market.nowMs);
  const start = Number(request.query.get('start') ?? end - 1440 * MINUTE);
  const count = Math.min(2000, Math.max(0, Math.floor(end / width) - Math.ceil(start / width) + 1));
  const data = market.candles(found, width, count, end).map((candle) => ({
    priceUsd: decimal((candle.open + candle.high + candle.low + candle.close) / 4),
    time: candle.openTimeMs,
    date: new Date(candle.openTimeMs).toISOString(),
  }));
  return reply(200, { data, timestamp: market.nowMs });
}

/** CoinCap v3 (`https://rest.coincap.io/v3`); the retired v2 paths answer its farewell message. */
export const COINCAP_SIM: SimProvider = {
  id: 'coincap',
  basePaths: ['/v3'],
  // v2 allowed 500 requests/min with a key; v3 is credit-based and its limits were not captured.
  rateLimit: { limit: 500, windowMs: MINUTE },
  createLimiter: denyingLimiter(FixedWindowLimiter, (retryAfter) => tooManyRequests(retryAfter)),
  routes: [
    { endpoint: '/v2 (retired)', pattern: /^\/v2(\/.*)?$/, handle: (request) => reply(200, { data: { message: V2_RETIRED_MESSAGE }, timestamp: request.market.nowMs }) },
    { endpoint: '/assets', pattern: /^\/assets$/, handle: assets },
    { endpoint: '/assets/{id}', pattern: /^\/assets\/([^/]+)$/, handle: asset },
    { endpoint: '/assets/{id}/history', pattern: /^\/assets\/([^/]+)\/history$/, handle: history },
  ],
  notFound: () => reply(404, { error: 'Not found' }),
  serverError: () => reply(500, { error: 'Internal server error' }),
  tooManyRequests: (retryAfter) => tooManyRequests(retryAfter),
};

function tooManyRequests(retryAfter: number): SimResponse {
  return reply(429, { error: 'rate limit exceeded' }, { 'retry-after': String(retryAfter) });
}
