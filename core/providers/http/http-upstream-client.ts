import type { z } from 'zod';
import type { Clock } from '../../clock/clock.js';
import { ProviderError, type ProviderErrorKind, type ProviderErrorOptions } from '../../errors/index.js';
import type { FetchContext, MarketRef, RateLimitInfo } from '../market-provider.js';
import type { ProviderDeclaration } from '../provider-declaration.js';
import type { QueryParams, UpstreamClient } from '../upstream-client.js';
import { parseUpstream } from './parse-upstream.js';
import { parseRetryAfter } from './retry-after.js';
import type { UpstreamResponse } from './upstream-response.js';

/** Everything one call's client is built from. */
export interface UpstreamCall {
  providerId: string;
  /** The effective declaration's `baseUrl` and symbol map. */
  declaration: Pick<ProviderDeclaration, 'baseUrl' | 'symbols' | 'quote'>;
  apiKey: string | undefined;
  clock: Clock;
  /** The router's per-call context: the abort signal and where rate-limit headers go. */
  context: FetchContext;
}

/**
 * The UpstreamClient of one call over `fetch`: JSON GETs against the declaration's `baseUrl` with
 * the call's signal, transport failures typed as ProviderErrors. The key is held in a private
 * field, so logging or serialising the client cannot reveal it.
 */
export class HttpUpstreamClient implements UpstreamClient {
  readonly providerId: string;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly #call: UpstreamCall;

  constructor(call: UpstreamCall) {
    this.providerId = call.providerId;
    this.clock = call.clock;
    this.signal = call.context.signal;
    this.#call = call;
  }

  get apiKey(): string | undefined {
    return this.#call.apiKey;
  }

  symbolFor(ticker: string): string {
    return this.marketFor(ticker).id;
  }

  marketFor(ticker: string): MarketRef {
    const { context, declaration } = this.#call;
    const chosen = context.marketFor === undefined ? undefined : context.marketFor(ticker);
    if (chosen !== undefined) return chosen;
    const mapped = context.marketFor === undefined ? declaration.symbols[ticker] : undefined;
    if (mapped === undefined) throw this.error('unknown_symbol', `no market for ${ticker}`);
    return { id: mapped, quote: declaration.quote };
  }

  async getJson(path: string, params: QueryParams = {}, headers: Record<string, string> = {}): Promise<UpstreamResponse> {
    await this.#call.context.beforeRequest?.();
    const url = new URL(this.#call.declaration.baseUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: this.signal, redirect: 'follow' });
    } catch (error) {
      if (this.signal.aborted) throw this.error('timeout', 'upstream did not answer in time', { cause: error });
      throw this.error('unavailable', `connection failed: ${describeCause(error)}`, { cause: error });
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now());
    const retryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };
    const status = response.status;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (this.signal.aborted) throw this.error('timeout', 'upstream body did not arrive in time', { cause: error });
      throw this.error('unavailable', `connection dropped while reading the body: ${describeCause(error)}`, { cause: error, upstreamStatus: status });
    }
    if (status === 429 || status === 418) {
      // Binance answers 418 to a client that kept going after its 429s: a ban, not a throttle.
      throw this.error('rate_limited', status === 418 ? 'IP banned (HTTP 418)' : 'rate limited (HTTP 429)', { upstreamStatus: status, banned: status === 418, ...retryAfter });
    }
    if (status >= 500 || status === 451 || status === 403) {
      // 451 is a geo block and 403 a WAF: the upstream is out of reach from here, not throttling us.
      throw this.error('unavailable', status === 451 ? 'unavailable from this location (HTTP 451)' : `HTTP ${status}`, { upstreamStatus: status, ...retryAfter });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw this.error('malformed_body', `HTTP ${status} body is not JSON (${text.length} bytes, starts ${JSON.stringify(text.slice(0, 40))})`, { upstreamStatus: status });
    }
    return { status, headers: response.headers, body };
  }

  parse<S extends z.ZodType>(what: string, schema: S, body: unknown): z.output<S> {
    return parseUpstream(this.providerId, what, schema, body);
  }

  nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  reportRateLimit(info: RateLimitInfo): void {
    this.#call.context.onRateLimitInfo?.(info);
  }

  error(kind: ProviderErrorKind, message: string, options: ProviderErrorOptions = {}): ProviderError {
    return new ProviderError(this.providerId, kind, message, options);
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
