import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { CoinbaseProductsSchema } from './coinbase-listing-schema.js';

/** Coinbase Exchange's products; one trades when it is `online`, trading is not disabled and it is not cancel-only. */
async function listCoinbaseMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const response = await upstream.getJson('/products');
  if (response.status !== 200) throw upstream.error('unavailable', `products answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const products = upstream.parse('products answer', CoinbaseProductsSchema, response.body);
  return listedMarkets(
    products.map((product) =>
      listedMarket(product.base_currency, product.quote_currency, product.id, product.status === 'online' && product.trading_disabled !== true && product.cancel_only !== true),
    ),
  );
}

export const COINBASE_LISTING: MarketListingFunction = listCoinbaseMarkets;
