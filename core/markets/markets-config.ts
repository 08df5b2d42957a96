import { z } from 'zod';
import { CurrencyCodeSchema } from './listed-market.js';

/** `markets` section: market discovery, where its lists are kept, and which quotes may stand for USD. */
export const MarketsConfigSchema = z.strictObject({
  /** Learn each provider's markets from its listing endpoint; `false` keeps the built-in symbol maps only. */
  discovery: z.boolean().default(true),
  /** How often the listings are fetched again. */
  refreshMs: z.number().int().min(60_000).default(6 * 3_600_000),
  /** How long the start waits for the first listings before serving the last known (or built-in) ones. */
  startupWaitMs: z.number().int().min(0).max(60_000).default(5_000),
  /** Time one provider's listing may take, every request of it included (CoinGecko's spacing makes it two 10 s slots). */
  listingTimeoutMs: z.number().int().positive().max(300_000).default(30_000),
  /** Folder the last listing of each provider is kept in between runs (relative to the working directory). */
  dataDir: z.string().min(1).default('data/markets'),
  /** Quotes a USD request may be answered from, in order of preference, when a provider has no USD market; answers say so. */
  usdFrom: z.array(CurrencyCodeSchema).default(['USDT', 'USDC']),
});

/** Validated `markets` section. */
export type MarketsConfig = z.infer<typeof MarketsConfigSchema>;

/** Injection token for the frozen `markets` section. */
export const MarketsConfig = Symbol.for('crypto-datasource.MarketsConfig');
