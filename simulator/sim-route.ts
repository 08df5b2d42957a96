import type { IncomingHttpHeaders } from 'node:http';
import type { SimClock } from './sim-clock.js';
import type { SimProviderId } from './sim-provider-id.js';
import type { VenueMarket } from './venue-market.js';

/** One simulated HTTP answer; `body` is JSON-encoded unless it is a string. */
export interface SimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a route handler gets to build its answer from. */
export interface SimRequest {
  /** Capture groups of the route pattern, URI-decoded. */
  params: readonly string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  market: VenueMarket;
  /** Records a symbol this request asked for, for the per-symbol stats. */
  noteSymbol(symbol: string): void;
}

/** One endpoint of a simulated provider. */
export interface SimRoute {
  /** Stats key, e.g. `/api/v3/ticker/price`. */
  endpoint: string;
  /** Matched against the path after `/<id>` and an optional real base path. */
  pattern: RegExp;
  /** Rate-limit cost of the request (Binance request weight); 1 when absent. */
  cost?(query: URLSearchParams): number;
  handle(request: SimRequest): SimResponse;
}

/** How much a provider allows: `limit` units per `windowMs` (a token bucket reads it as capacity and refill). */
export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

/** A limiter's answer to one request: a denial in the provider's own shape, and headers to add either way. */
export interface RateVerdict {
  denied?: SimResponse;
  headers?: Record<string, string>;
}

/** Rate-limit state of one provider in one simulator. */
export interface SimRateLimiter {
  /** Counts a request to `endpoint` costing `cost` units and says whether it may be served. */
  admit(cost: number, endpoint: string): RateVerdict;
}

/** Everything the simulator needs to imitate one provider. */
export interface SimProvider {
  id: SimProviderId;
  /** Path prefixes of the real base URL (`/api/v3` for CoinGecko) that may be kept in a base URL. */
  basePaths: readonly string[];
  routes: readonly SimRoute[];
  /** The real provider's limit, used unless the simulator is told otherwise. */
  rateLimit: RateLimitSetting;
  createLimiter(setting: RateLimitSetting, clock: SimClock): SimRateLimiter;
  /** The answer to a path the provider does not have. */
  notFound(path: string): SimResponse;
  /** The answer of an injected server error. */
  serverError(): SimResponse;
  /** The answer of an injected in-body error (HTTP 200), for providers that report errors that way. */
  inBodyError?(message?: string): SimResponse;
  /** The answer of an injected 429. */
  tooManyRequests(retryAfterSeconds: number): SimResponse;
}

/** Shorthand for a JSON answer. */
export function reply(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return headers === undefined ? { status, body } : { status, body, headers };
}
