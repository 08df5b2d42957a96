import { ProviderError, type ProviderErrorKind } from '../../errors/index.js';
import type { Capability, CapabilityQuery, CapabilityResult } from '../capability.js';
import type { ProviderFactoryContext } from '../define-provider-plugin.js';
import type { FetchContext, MarketProvider } from '../market-provider.js';
import type { ProviderDeclaration } from '../provider-declaration.js';
import { fetchUpstreamJson } from './fetch-upstream-json.js';
import type { UpstreamResponse } from './upstream-response.js';

/** One function per capability a provider serves. */
export type CapabilityHandlers = {
  [C in Capability]?: (query: CapabilityQuery<C>, context: FetchContext) => Promise<CapabilityResult<C>>;
};

/** Query parameters; undefined values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * Base of the built-in HTTP providers: dispatches a capability to its handler, maps our ticker to
 * the provider's symbol, and GETs JSON from `baseUrl` with typed transport errors. Subclasses only
 * say which path to call and how to read the answer.
 */
export abstract class HttpMarketProvider implements MarketProvider {
  readonly id: string;
  readonly declaration: ProviderDeclaration;
  readonly disabledReason: string | null;
  /** The API key, when the declaration names one and the environment has it. Never log it. */
  protected readonly apiKey: string | undefined;
  /** What this provider answers, capability by capability. */
  protected abstract readonly handlers: CapabilityHandlers;

  constructor(context: ProviderFactoryContext) {
    this.id = context.id;
    this.declaration = context.declaration;
    this.disabledReason = context.disabledReason;
    this.apiKey = context.apiKey;
  }

  fetch<C extends Capability>(capability: C, query: CapabilityQuery<C>, context: FetchContext): Promise<CapabilityResult<C>> {
    if (this.disabledReason !== null) return Promise.reject(this.error('disabled', this.disabledReason));
    const handler = this.handlers[capability] as ((q: CapabilityQuery<C>, c: FetchContext) => Promise<CapabilityResult<C>>) | undefined;
    if (handler === undefined || !this.declaration.capabilities.includes(capability)) {
      return Promise.reject(this.error('unsupported', `does not serve ${capability}`));
    }
    return handler.call(this, query, context);
  }

  /** The provider's identifier for our ticker (`BTC` → `BTCUSDT`); `unknown_symbol` when unmapped. */
  protected providerSymbol(symbol: string): string {
    const mapped = this.declaration.symbols[symbol];
    if (mapped === undefined) throw this.error('unknown_symbol', `no symbol mapping for ${symbol}`);
    return mapped;
  }

  /** GETs `baseUrl + path` with query parameters. */
  protected getJson(path: string, params: QueryParams, context: FetchContext, headers?: Record<string, string>): Promise<UpstreamResponse> {
    const url = new URL(this.declaration.baseUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
    return fetchUpstreamJson({ providerId: this.id, url, context, ...(headers === undefined ? {} : { headers }) });
  }

  /** A ProviderError from this provider. */
  protected error(kind: ProviderErrorKind, message: string, options: { upstreamStatus?: number; retryAfterMs?: number; banned?: boolean } = {}): ProviderError {
    return new ProviderError(this.id, kind, message, options);
  }
}
