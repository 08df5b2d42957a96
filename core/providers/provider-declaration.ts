import { z } from 'zod';
import { CurrencyCodeSchema } from '../markets/listed-market.js';
import { CAPABILITIES } from './capability.js';

/** Our ticker symbols: upper-case letters and digits, e.g. `BTC`, `1INCH`. */
export const TickerSymbolSchema = z.string().regex(/^[A-Z0-9]{1,15}$/, 'expected an upper-case ticker such as "BTC"');

/** A key of a symbol map: a ticker (`BTC`, quoted in the declaration's `quote`) or a market (`BTC/EUR`). */
export const SymbolKeySchema = z.string().regex(/^[A-Z0-9]{1,15}(\/[A-Z0-9]{1,15})?$/, 'expected an upper-case ticker such as "BTC" or a market such as "BTC/EUR"');

/** Provider ids, as used in `providers.<id>`, stats and logs: `binance`, `alternative-me`. */
export const ProviderIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'provider ids are lowercase letters, digits and dashes');

const ms = z.number().int().min(0);

/** Requests-per-window budget and spacing the provider allows us. */
export const RateLimitDeclarationSchema = z.strictObject({
  requests: z.number().int().positive(),
  windowMs: z.number().int().positive(),
  minIntervalMs: ms,
});

/** Per-call resilience: timeout, retries with exponential backoff, circuit breaker. */
export const ResilienceDeclarationSchema = z.strictObject({
  timeoutMs: z.number().int().positive(),
  retry: z.strictObject({ maxAttempts: z.number().int().min(0).max(5), initialDelayMs: ms, maxDelayMs: ms }),
  breaker: z.strictObject({ consecutiveFailures: z.number().int().positive(), halfOpenAfterMs: z.number().int().positive() }),
});

/** What to do after HTTP 429 (or an in-body rate-limit answer). */
export const RateLimitResponseDeclarationSchema = z.strictObject({
  /** Cool-down after the 1st, 2nd, 3rd... consecutive 429 when no Retry-After is given; the last repeats. */
  backoffMs: z.array(z.number().int().positive()).min(1),
  /** Consecutive 429s that blacklist the provider. */
  blacklistAfter: z.number().int().positive(),
  blacklistMs: z.number().int().positive(),
});

/** Cache lifetime of answers per capability, in milliseconds. */
export const CacheTtlDeclarationSchema = z.strictObject(
  Object.fromEntries(CAPABILITIES.map((capability) => [capability, ms.optional()])) as Record<
    (typeof CAPABILITIES)[number],
    z.ZodOptional<typeof ms>
  >,
);

/**
 * Everything a provider declares about itself; the router, guard, cache and resilience layer read
 * it, and config (`providers.<id>.*`) may override any of it.
 */
export const ProviderDeclarationSchema = z.strictObject({
  /** Display name, e.g. `Binance`; the `source` of its answers. */
  name: z.string().min(1),
  enabled: z.boolean(),
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Share of first attempts relative to the other providers. */
  weight: z.number().min(0).max(1000),
  /** Failover order: lower is tried first. */
  priority: z.number().int().min(0).max(1000),
  capabilities: z.array(z.enum(CAPABILITIES)).min(1),
  /**
   * Our ticker to the provider's identifier: `BTC` to `bitcoin`, `XXBTZUSD`, `BTCUSDT`, `BTC-USD`; a
   * bare ticker is quoted in `quote`, a `BASE/QUOTE` key names its quote (`"BTC/EUR": "XXBTZEUR"`).
   * The built-in universe when discovery finds nothing; entries from config override discovery.
   */
  symbols: z.record(SymbolKeySchema, z.string().min(1)),
  /** Quote currency of the bare tickers in `symbols` (Binance's are USDT markets). */
  quote: CurrencyCodeSchema,
  /**
   * Quotes an aggregator prices every coin it lists in `quote` in as well, the quote being a
   * parameter of its calls rather than a market of its own (CoinGecko's `vs_currencies`,
   * CryptoCompare's `tsyms`): such a coin is served in each of these under the same identifier.
   * Empty for exchanges, whose every market is listed.
   */
  parameterQuotes: z.array(CurrencyCodeSchema),
  /** Name of the environment variable holding the API key, when the provider takes one. */
  apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name').optional(),
  /** True when the provider cannot work without its key: it is disabled, with the reason, when the key is missing. */
  apiKeyRequired: z.boolean(),
  rateLimit: RateLimitDeclarationSchema,
  cacheTtlMs: CacheTtlDeclarationSchema,
  resilience: ResilienceDeclarationSchema,
  on429: RateLimitResponseDeclarationSchema,
});

/** A complete, validated provider declaration. */
export type ProviderDeclaration = z.infer<typeof ProviderDeclarationSchema>;
