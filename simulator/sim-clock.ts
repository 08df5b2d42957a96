/** The simulator's notion of "now" in epoch milliseconds; market and rate limits read only this. */
export interface SimClock {
  now(): number;
}

/** The wall clock, for `npm run sim`, the demo and benchmarks. */
export const systemClock: SimClock = { now: () => Date.now() };

/** A clock that moves only when told to, so tests can cross rate-limit windows without sleeping. */
export class ManualClock implements SimClock {
  private current: number;

  constructor(startMs: number = Date.UTC(2024, 2, 13, 12, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance: ms must be >= 0, got ${ms}`);
    this.current += ms;
  }
}
