import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { CoinCapAssetsSchema } from './coincap-listing-schema.js';

/** Assets one `/assets` call answers at most (its `limit` maximum). */
const MAX_ASSETS = 2000;

/**
 * CoinCap's asset id of each ticker, from `/assets`; a ticker several assets share goes to the best
 * ranked (largest market cap). CoinCap prices are in USD only.
 */
async function listCoinCapMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const headers = upstream.apiKey === undefined ? undefined : { authorization: `Bearer ${upstream.apiKey}` };
  const response = await upstream.getJson('/assets', { limit: MAX_ASSETS }, headers);
  if (response.status !== 200) throw upstream.error('unavailable', `assets answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const { data } = upstream.parse('assets answer', CoinCapAssetsSchema, response.body);
  const best = new Map<string, { id: string; rank: number }>();
  for (const asset of data) {
    const symbol = asset.symbol.toUpperCase();
    const held = best.get(symbol);
    if (held === undefined || asset.rank < held.rank) best.set(symbol, { id: asset.id, rank: asset.rank });
  }
  return listedMarkets([...best].map(([symbol, { id }]) => listedMarket(symbol, 'USD', id, true)));
}

export const COINCAP_LISTING: MarketListingFunction = listCoinCapMarkets;
