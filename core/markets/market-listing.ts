import type { UpstreamClient } from '../providers/upstream-client.js';
import type { ListedMarket } from './listed-market.js';

/**
 * Reads a provider's public listing endpoint (Binance `exchangeInfo`, Kraken `AssetPairs`...) and
 * returns every market it lists, halted ones marked so. Core calls it at start and periodically,
 * through the provider's rate-limit guard and resilience, each request with a fresh slot.
 */
export type MarketListingFunction = (upstream: UpstreamClient) => Promise<ListedMarket[]>;
