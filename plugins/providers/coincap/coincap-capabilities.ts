import { type CapabilityQuery, type PriceQuote, type Ticker, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type CapabilityFunctions, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { CoinCapAssetSchema, CoinCapErrorSchema, CoinCapRetiredSchema } from './coincap-schema.js';

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

/** CoinCap states the price, the 24 h change in percent and the 24 h USD volume; nothing else of a ticker. */
async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const asset = await assetOf(upstream, upstream.symbolFor(symbol));
  return {
    symbol,
    price: asset.price,
    bid: null,
    ask: null,
    open24h: null,
    high24h: null,
    low24h: null,
    baseVolume24h: null,
    quoteVolume24h: asset.volumeUsd,
    change24h: null,
    changePercent24h: asset.changePercent24h,
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
 * CoinCap v3: price and ticker from `/assets/{id}`.
 * Prices are always USD. The key goes in an `Authorization: Bearer` header rather than the
 * `apiKey` query parameter, so it never shows up in a URL.
 */
export const COINCAP_CAPABILITIES: CapabilityFunctions = { price, ticker };
