import { z } from 'zod';

/**
 * Coinbase Exchange `GET /products` → `[{"id": "BTC-USD", "base_currency": "BTC", "quote_currency": "USD",
 * "status": "online", "trading_disabled": false, "cancel_only": false, ...}]`
 * (https://docs.cdp.coinbase.com/api-reference/exchange-api/rest-api/products/get-all-known-trading-pairs).
 */
export const CoinbaseProductsSchema = z.array(
  z.looseObject({
    id: z.string().min(1),
    base_currency: z.string(),
    quote_currency: z.string(),
    status: z.string(),
    trading_disabled: z.boolean().optional(),
    cancel_only: z.boolean().optional(),
  }),
);
