/**
 * Wall-clock time in milliseconds since the epoch. Rate-limit windows, cache freshness, health
 * windows and stats read time through this, so tests can move minutes forward without sleeping.
 */
export interface Clock {
  now(): number;
}

/** Injection token for the Clock. */
export const Clock = Symbol.for('crypto-datasource.Clock');

/** The real clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
