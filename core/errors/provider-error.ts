import { AppError, isAppError } from './app-error.js';

/** Every way an upstream call can fail; the router picks its reaction from the kind. */
export type ProviderErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'unknown_symbol'
  | 'malformed_body'
  | 'schema_drift'
  | 'insane_value'
  | 'disabled'
  /** The provider cannot serve this query (an interval it lacks): not a failure of the provider. */
  | 'unsupported';

/** What a ProviderError may carry besides its kind and message. */
export interface ProviderErrorOptions {
  upstreamStatus?: number;
  retryAfterMs?: number;
  banned?: boolean;
  cause?: unknown;
}

/**
 * A failed upstream call, typed so the router can act on it: back off on `rate_limited`, fail over
 * on `unavailable` / `timeout` / `malformed_body` / `schema_drift` / `insane_value`, answer 404 when
 * every provider says `unknown_symbol`.
 */
export class ProviderError extends AppError {
  /** `provider_<kind>`, e.g. `provider_timeout`. */
  readonly code: string;
  /** The router turns provider failures into its own answers; one that reaches a client is a bad gateway. */
  readonly status = 502;
  /** Provider id, e.g. `binance`. */
  readonly providerId: string;
  readonly kind: ProviderErrorKind;
  /** HTTP status the upstream answered, when there was one. */
  readonly upstreamStatus?: number;
  /** How long the provider asked us to wait (Retry-After or equivalent), in milliseconds. */
  readonly retryAfterMs?: number;
  /** True for a ban rather than a throttle (Binance 418). */
  readonly banned: boolean;

  constructor(
    providerId: string,
    kind: ProviderErrorKind,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(`${providerId}: ${message}`, { cause: options.cause });
    this.code = `provider_${kind}`;
    this.providerId = providerId;
    this.kind = kind;
    if (options.upstreamStatus !== undefined) this.upstreamStatus = options.upstreamStatus;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    this.banned = options.banned ?? false;
  }
}

/** True when `value` is a ProviderError, optionally of one kind. */
export function isProviderError(value: unknown, kind?: ProviderErrorKind): value is ProviderError {
  return isAppError(value) && value.code.startsWith('provider_') && (kind === undefined || (value as ProviderError).kind === kind);
}
