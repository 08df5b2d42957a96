import { z } from 'zod';

/**
 * `GET /api/v2/trading-pairs-info/` → `[{"name": "BTC/USD", "url_symbol": "btcusd", "base_decimals": 8,
 * "counter_decimals": 0, "minimum_order": "10 USD", "trading": "Enabled", "description": "Bitcoin / U.S. dollar", ...}]`;
 * `trading` is Enabled or Disabled (https://www.bitstamp.net/api/#tag/Market-info/operation/GetTradingPairsInfo).
 */
export const BitstampTradingPairsSchema = z.array(
  z.looseObject({
    name: z.string(),
    url_symbol: z.string().min(1),
    trading: z.string(),
  }),
);
