/** A reading kept by SlidingDelta, with when it was taken (ms since epoch). */
export interface TimedReading<T> {
  at: number;
  reading: T;
}

/**
 * Keeps readings of cumulative figures (counts, histogram buckets) over time, so "recent" figures
 * are the change since a reading about `windowMs` old, the way Prometheus's `rate()` reads its
 * counters: nothing is recorded twice. A reading is kept at most every `stepMs`; the baseline is
 * the newest kept reading at least `windowMs` old, else the oldest one.
 */
export class SlidingDelta<T> {
  private readonly kept: Array<TimedReading<T>> = [];

  constructor(
    private readonly windowMs: number,
    private readonly stepMs: number,
  ) {}

  /** Notes `reading` taken at `at` and returns the baseline to compare it with (itself when it is the first). */
  observe(at: number, reading: T): TimedReading<T> {
    const last = this.kept.at(-1);
    if (last === undefined || at - last.at >= this.stepMs) this.kept.push({ at, reading });
    // Drop what is older than the newest reading that is already old enough to be the baseline.
    while (this.kept.length > 1 && at - this.kept[1]!.at >= this.windowMs) this.kept.shift();
    return this.kept[0]!;
  }
}
