import type { Clock } from '../../clock/clock.js';
import { ProviderError } from '../../errors/index.js';

/** Above this a USD price is absurd for any asset we serve. */
export const MAX_SANE_PRICE = 10_000_000;

/** What the sanity checks need: who answered (errors name it) and the clock timestamps are judged by. UpstreamClient is one. */
export interface SanityContext {
  readonly providerId: string;
  /** The injected clock: "more than a day in the future" is judged against it, never against Date.now(). */
  readonly clock: Clock;
}

/** Throws `insane_value` unless `value` is a finite, positive price below the absurd bound. */
export function assertSanePrice(source: SanityContext, field: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > MAX_SANE_PRICE) {
    throw new ProviderError(source.providerId, 'insane_value', `${field} is not a sane price: ${value}`);
  }
  return value;
}

/** Throws `insane_value` unless `value` is finite and not negative (volumes, gas, index values). */
export function assertNonNegative(source: SanityContext, field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new ProviderError(source.providerId, 'insane_value', `${field} is not a sane value: ${value}`);
  return value;
}

/**
 * Normalises an upstream timestamp to Unix seconds (milliseconds are detected by size) and throws
 * `insane_value` when it is before 2009 or more than a day after `source.clock.now()`.
 */
export function toSaneUnixSeconds(source: SanityContext, field: string, value: number): number {
  const seconds = value > 1e11 ? Math.floor(value / 1000) : Math.floor(value);
  if (!Number.isFinite(seconds) || seconds < 1_230_768_000 || seconds > source.clock.now() / 1000 + 86_400) {
    throw new ProviderError(source.providerId, 'insane_value', `${field} is not a sane timestamp: ${value}`);
  }
  return seconds;
}
