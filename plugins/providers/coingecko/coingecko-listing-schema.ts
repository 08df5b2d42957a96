import { z } from 'zod';

/**
 * `GET /coins/list` → `[{"id": "bitcoin", "symbol": "btc", "name": "Bitcoin"}, ...]`: every active coin,
 * symbols lower-case and not unique (https://docs.coingecko.com/v3.0.1/reference/coins-list).
 */
export const CoinsListSchema = z.array(z.looseObject({ id: z.string().min(1), symbol: z.string(), name: z.string() }));

/**
 * `GET /coins/markets?vs_currency=usd&order=market_cap_desc&per_page=250&page=1` → coins by market cap,
 * `market_cap` in USD, null when unknown (https://docs.coingecko.com/v3.0.1/reference/coins-markets;
 * coingecko.coins_markets.json).
 */
export const CoinsByMarketCapSchema = z.array(z.looseObject({ id: z.string().min(1), symbol: z.string(), market_cap: z.number().nullable().optional() }));
