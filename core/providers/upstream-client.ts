import type { z } from 'zod';
import type { ProviderError, ProviderErrorKind, ProviderErrorOptions } from '../errors/provider-error.js';
import type { SanityContext } from './http/sanity.js';
import type { UpstreamResponse } from './http/upstream-response.js';
import type { MarketRef, RateLimitInfo } from './market-provider.js';

/** Query parameters; undefined values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * The upstream as one call of a capability function sees it, built by core for that call from the
 * provider's effective declaration: its symbol map, `baseUrl`, API key and the call's abort signal.
 * A capability function only says which path to GET and how to read the answer; every failure it
 * throws is a ProviderError from `error()`, `parse()` or `getJson()`.
 */
export interface UpstreamClient extends SanityContext {
  /** The provider's id, e.g. `binance`: errors and sanity checks name it. */
  readonly providerId: string;
  /** The API key read from `declaration.apiKeyEnv`, when the environment has it. Never log it. */
  readonly apiKey: string | undefined;
  /** Aborted when the call's timeout or the request's deadline passes; `getJson` already honours it. */
  readonly signal: AbortSignal;
  /** The provider's identifier for our ticker (`BTC` → `BTCUSDT`); throws `unknown_symbol` when unmapped. */
  symbolFor(ticker: string): string;
  /**
   * The market of this call for our ticker: the provider's identifier and its quote (`USDT` when a
   * USD request is answered from a USDT market). Providers whose quote is a parameter (CoinGecko's
   * `vs_currencies`) send this quote. Throws `unknown_symbol` when unmapped.
   */
  marketFor(ticker: string): MarketRef;
  /**
   * GETs `baseUrl + path` with `params` and maps transport failures to ProviderErrors (429 and 418
   * are `rate_limited`, 5xx, 451 and 403 `unavailable`, an abort `timeout`, a body that is not JSON
   * `malformed_body`). Any other status is returned with its body, for the caller to interpret.
   */
  getJson(path: string, params?: QueryParams, headers?: Record<string, string>): Promise<UpstreamResponse>;
  /** The body as `schema` reads it; a mismatch is `schema_drift` naming the field (`at "price"`). */
  parse<S extends z.ZodType>(what: string, schema: S, body: unknown): z.output<S>;
  /** Now in Unix seconds, from the injected clock: the time of answers that carry none. */
  nowSeconds(): number;
  /** Rate-limit state the upstream reported (e.g. in headers), so the guard slows down before a 429. */
  reportRateLimit(info: RateLimitInfo): void;
  /** A ProviderError from this provider. */
  error(kind: ProviderErrorKind, message: string, options?: ProviderErrorOptions): ProviderError;
}
