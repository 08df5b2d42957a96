import type { Clock } from '../../core/clock/clock.js';

/** A clock tests move by hand: rate-limit windows, cooldowns and cache freshness follow it. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 23, 12)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
