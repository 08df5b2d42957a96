import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * `GET /assets?limit=2000` → `{"data": [{"id": "bitcoin", "rank": "1", "symbol": "BTC", "name": "Bitcoin",
 * "priceUsd": "6929.82", ...}], "timestamp": 1533581088278}`, numbers as strings, by rank (market cap)
 * (coincap.v2_assets.json; v3 keeps the shape: https://pro.coincap.io/api-docs).
 */
export const CoinCapAssetsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().min(1), rank: numeric, symbol: z.string() })),
});
