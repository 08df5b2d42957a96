import { z } from 'zod';

/**
 * `GET /v1/symbols` → `["btcusd", "ethbtc", "ethusd", ...]`: the symbols available for trading, lower-case
 * base and quote run together (https://docs.gemini.com/rest-api/#symbols).
 */
export const GeminiSymbolsSchema = z.array(z.string().min(1));
