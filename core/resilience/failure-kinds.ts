import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';
import { ProviderError, isProviderError, type ProviderErrorKind } from '../errors/provider-error.js';

/**
 * Failures worth retrying on the same provider: quick and transient. Never `timeout` (it already
 * spent a whole timeout of the request's deadline; failing over is faster), `rate_limited` (it
 * would deepen the hole), `unknown_symbol` or `schema_drift` (same answer again), `insane_value`.
 */
export const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['unavailable', 'malformed_body']);

/** Failures that say the provider is broken and count towards opening its circuit. */
export const BREAKER_KINDS: ReadonlySet<ProviderErrorKind> = new Set(['unavailable', 'timeout', 'malformed_body', 'schema_drift', 'insane_value']);

/** True when `error` is a ProviderError of one of `kinds`. */
export function isFailureOf(kinds: ReadonlySet<ProviderErrorKind>, error: unknown): error is ProviderError {
  return isProviderError(error) && kinds.has(error.kind);
}

/** True when the provider's circuit refused the call. */
export function isOpenCircuit(error: unknown): boolean {
  return error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
}

/** Any failure of a provider call as a ProviderError; a provider bug (TypeError...) counts as `unavailable`. */
export function toProviderError(providerId: string, error: unknown): ProviderError {
  if (isProviderError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(providerId, 'unavailable', `provider failed: ${message}`, { cause: error });
}
