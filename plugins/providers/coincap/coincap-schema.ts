import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * `GET /v3/assets/{id}` → `{"data":{id, symbol, priceUsd, changePercent24Hr (percent), volumeUsd24Hr,
 * vwap24Hr, ...}, "timestamp": ms}`, numbers as strings. No v3 body was captured: the shape is v2's
 * documented one (coincap.v2_asset_bitcoin.json), which v3 clients read unchanged (`data.priceUsd`).
 */
export const CoinCapAssetSchema = z.looseObject({
  data: z.looseObject({
    id: z.string(),
    priceUsd: numeric,
    changePercent24Hr: numeric.nullable(),
    volumeUsd24Hr: numeric,
  }),
  timestamp: numeric.optional(),
});

/** CoinCap's error body, `{"error":"<id> not found"}` for an unknown id (v2-era, not recorded). */
export const CoinCapErrorSchema = z.looseObject({ error: z.string() });

/**
 * What the retired v2 API answers instead of data: `{"data":{"message":"We are deprecating this
 * version ..."},"timestamp":...}` (coincap.v2_deprecated_message.json).
 */
export const CoinCapRetiredSchema = z.looseObject({ data: z.strictObject({ message: z.string() }) });
