import { z } from 'zod';

/**
 * `GET /data/all/coinlist` → `{"Response": "Success", "BaseImageUrl": ..., "Data": {"BTC": {"Id": "1182",
 * "Name": "BTC", "Symbol": "BTC", "CoinName": "Bitcoin", "FullName": "Bitcoin (BTC)", "IsTrading": true, ...}}}`
 * (the `coinList()` answer documented by the cryptocompare client, https://npmjs.com/package/cryptocompare);
 * `summary=true` trims each coin to its identity fields, so `IsTrading` may be absent. Errors come as
 * `Response: "Error"` with HTTP 200, as every min-api endpoint answers them.
 */
export const CryptoCompareCoinListSchema = z.looseObject({
  Response: z.literal('Success').optional(),
  Data: z.record(z.string(), z.looseObject({ Symbol: z.string(), IsTrading: z.boolean().optional() })),
});
