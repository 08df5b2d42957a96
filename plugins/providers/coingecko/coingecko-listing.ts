import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type QueryParams, type UpstreamClient } from '../../../core/index.js';
import { CoinsByMarketCapSchema, CoinsListSchema } from './coingecko-listing-schema.js';

/** Coins ranked by market cap, the most `/coins/markets` gives in one page. */
const RANKED_COINS = 250;

/**
 * CoinGecko's coin id of each ticker, from `/coins/list`. Tickers are not unique there (dozens of
 * coins call themselves `ETH`), so a ticker several coins share goes to the one with the largest
 * market cap in `/coins/markets`, never to the first listed; one none of whose coins ranks there is
 * left out rather than guessed. Each coin is listed in USD; the other `vs_currencies` it is priced
 * in are the declaration's `parameterQuotes`.
 */
async function listCoinGeckoMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const coins = upstream.parse('coins list', CoinsListSchema, await get(upstream, '/coins/list', {}));
  const ranked = upstream.parse('coins by market cap', CoinsByMarketCapSchema, await get(upstream, '/coins/markets', { vs_currency: 'usd', order: 'market_cap_desc', per_page: RANKED_COINS, page: 1 }));
  const marketCap = new Map(ranked.map((coin, index) => [coin.id, coin.market_cap ?? (RANKED_COINS - index) / 1e12]));
  const idsBySymbol = new Map<string, string[]>();
  for (const coin of coins) {
    const symbol = coin.symbol.toUpperCase();
    idsBySymbol.set(symbol, [...(idsBySymbol.get(symbol) ?? []), coin.id]);
  }
  return listedMarkets(
    [...idsBySymbol].map(([symbol, ids]) => {
      const id = ids.length === 1 ? ids[0] : largestByMarketCap(ids, marketCap);
      return id === undefined ? undefined : listedMarket(symbol, 'USD', id, true);
    }),
  );
}

function largestByMarketCap(ids: readonly string[], marketCap: ReadonlyMap<string, number>): string | undefined {
  const ranked = ids.filter((id) => marketCap.has(id));
  return ranked.sort((a, b) => marketCap.get(b)! - marketCap.get(a)!)[0];
}

async function get(upstream: UpstreamClient, path: string, params: QueryParams): Promise<unknown> {
  const headers = upstream.apiKey === undefined ? undefined : { 'x-cg-demo-api-key': upstream.apiKey };
  const response = await upstream.getJson(path, params, headers);
  if (response.status !== 200) throw upstream.error('unavailable', `${path} answered HTTP ${response.status}`, { upstreamStatus: response.status });
  return response.body;
}

export const COINGECKO_LISTING: MarketListingFunction = listCoinGeckoMarkets;
