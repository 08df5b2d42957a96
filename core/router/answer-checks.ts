import { ProviderError } from '../errors/provider-error.js';
import type { Capability, CapabilityQuery, CapabilityResult } from '../providers/capability.js';

/** True for the capabilities whose answers state a price (and so are cross-checked). */
export function statesPrice(capability: Capability): capability is 'price' | 'ticker' {
  return capability === 'price' || capability === 'ticker';
}

/** The price an answer states, for capabilities that state one (price, ticker). */
export function priceOf<C extends Capability>(capability: C, data: CapabilityResult<C>): number | undefined {
  return statesPrice(capability) ? (data as CapabilityResult<'price' | 'ticker'>).price : undefined;
}

/** The symbol a query asks about, for per-symbol capabilities. */
export function symbolOf<C extends Capability>(query: CapabilityQuery<C>): string | undefined {
  return 'symbol' in query ? query.symbol : undefined;
}

/** The quote a per-symbol query asks for: `USD` unless it names one. */
export function quoteOf<C extends Capability>(query: CapabilityQuery<C>): string {
  return 'quote' in query && query.quote !== undefined ? query.quote : 'USD';
}

/**
 * The router's own check of every answer before it is served or cached, whatever the provider
 * checked: it is for the symbol asked, and any price in it is a finite positive number.
 */
export function assertAnswerMatches<C extends Capability>(providerId: string, capability: C, query: CapabilityQuery<C>, data: CapabilityResult<C>): void {
  const symbol = symbolOf(query);
  if (symbol !== undefined && (data as { symbol?: unknown }).symbol !== symbol) {
    throw new ProviderError(providerId, 'insane_value', `answered for ${String((data as { symbol?: unknown }).symbol)} when asked for ${symbol}`);
  }
  const price = priceOf(capability, data);
  if (price !== undefined && !(Number.isFinite(price) && price > 0)) {
    throw new ProviderError(providerId, 'insane_value', `price ${price} is not a positive number`);
  }
}
