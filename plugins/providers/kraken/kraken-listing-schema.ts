import { z } from 'zod';

/**
 * `GET /0/public/AssetPairs` → `{"error": [], "result": {"XXBTZUSD": {"altname": "XBTUSD", "wsname":
 * "XBT/USD", "base": "XXBT", "quote": "ZUSD", "status": "online", ...}}}`; `status` is online,
 * cancel_only, post_only, limit_only or reduce_only (https://docs.kraken.com/api/docs/rest-api/get-tradable-asset-pairs).
 */
export const KrakenAssetPairsSchema = z.looseObject({
  error: z.array(z.string()),
  result: z
    .record(
      z.string(),
      z.looseObject({
        altname: z.string(),
        wsname: z.string().optional(),
        base: z.string(),
        quote: z.string(),
        status: z.string().optional(),
      }),
    )
    .optional(),
});
