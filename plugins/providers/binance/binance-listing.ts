import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { BinanceExchangeInfoSchema } from './binance-listing-schema.js';

/** Binance's spot markets from `exchangeInfo` (weight 20); a market trades when its status is TRADING and spot trading is allowed. */
async function listBinanceMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const response = await upstream.getJson('/api/v3/exchangeInfo');
  if (response.status !== 200) throw upstream.error('unavailable', `exchangeInfo answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const { symbols } = upstream.parse('exchangeInfo answer', BinanceExchangeInfoSchema, response.body);
  return listedMarkets(
    symbols.map((entry) => listedMarket(entry.baseAsset, entry.quoteAsset, entry.symbol, entry.status === 'TRADING' && entry.isSpotTradingAllowed !== false)),
  );
}

export const BINANCE_LISTING: MarketListingFunction = listBinanceMarkets;
