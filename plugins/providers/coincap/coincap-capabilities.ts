import { type CapabilityQuery, type PriceQuote, type Ticker, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { CoinCapAssetSchema, CoinCapErrorSchema, CoinCapHistorySchema, CoinCapRetiredSchema } from './coincap-schema.js';

const DAY_MS = 86_400_000;

/** The parts of `/assets/{id}` both capabilities use, checked. */
interface CoinCapAsset {
  price: number;
  changePercent24h: number | null;
  volumeUsd: number;
  timestamp: number;
}

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const asset = await assetOf(upstream, upstream.symbolFor(symbol));
  return { symbol, price: asset.price, timestamp: asset.timestamp };
}

/**
 * CoinCap has no 24 h high and low, so the extremes of its 5-minute price history (and the
 * current price) stand in for them; they can understate the sharpest intraday wicks.
 */
async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const id = upstream.symbolFor(symbol);
  const end = upstream.clock.now();
  const [asset, history] = await Promise.all([assetOf(upstream, id), historyOf(upstream, id, end - DAY_MS, end)]);
  const prices = [...history, asset.price];
  return {
    symbol,
    price: asset.price,
    changePercent24h: asset.changePercent24h,
    high24h: Math.max(...prices),
    low24h: Math.min(...prices),
    // volumeUsd24Hr is in USD; the contract wants base-asset volume.
    volume24h: asset.volumeUsd / asset.price,
    timestamp: asset.timestamp,
  };
}

async function assetOf(upstream: UpstreamClient, id: string): Promise<CoinCapAsset> {
  const body = await get(upstream, `/assets/${encodeURIComponent(id)}`, {});
  const { data, timestamp } = upstream.parse('asset answer', CoinCapAssetSchema, body);
  return {
    price: assertSanePrice(upstream, 'data.priceUsd', data.priceUsd),
    changePercent24h: data.changePercent24Hr,
    volumeUsd: assertNonNegative(upstream, 'data.volumeUsd24Hr', data.volumeUsd24Hr),
    timestamp: timestamp === undefined ? upstream.nowSeconds() : toSaneUnixSeconds(upstream, 'timestamp', timestamp),
  };
}

async function historyOf(upstream: UpstreamClient, id: string, start: number, end: number): Promise<number[]> {
  const body = await get(upstream, `/assets/${encodeURIComponent(id)}/history`, { interval: 'm5', start, end });
  const { data } = upstream.parse('history answer', CoinCapHistorySchema, body);
  return data.map((point, index) => assertSanePrice(upstream, `data[${index}].priceUsd`, point.priceUsd));
}

/** GETs a path with the key, turning CoinCap's error bodies and the v2 retirement notice into typed errors. */
async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<unknown> {
  const headers = upstream.apiKey === undefined ? undefined : { authorization: `Bearer ${upstream.apiKey}` };
  const response = await upstream.getJson(path, params, headers);
  const { status, body } = response;
  const failure = CoinCapErrorSchema.safeParse(body);
  if (failure.success) {
    const { error } = failure.data;
    if (status === 404 || /not found/i.test(error)) throw upstream.error('unknown_symbol', error, { upstreamStatus: status });
    throw upstream.error('unavailable', `upstream error: ${error}`, { upstreamStatus: status });
  }
  if (status === 404) throw upstream.error('unknown_symbol', 'HTTP 404', { upstreamStatus: status });
  if (status !== 200) throw upstream.error('unavailable', `HTTP ${status}`, { upstreamStatus: status });
  const retired = CoinCapRetiredSchema.safeParse(body);
  if (retired.success) throw upstream.error('unavailable', `API version retired: ${retired.data.data.message}`, { upstreamStatus: status });
  return body;
}

/**
 * CoinCap v3: price from `/assets/{id}`, ticker from `/assets/{id}` plus `/assets/{id}/history`.
 * Prices are always USD. The key goes in an `Authorization: Bearer` header rather than the
 * `apiKey` query parameter, so it never shows up in a URL.
 */
export const COINCAP_CAPABILITIES: CapabilityFunctions = { price, ticker };
