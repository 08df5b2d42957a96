import type { Clock } from '../clock/clock.js';
import { SlidingDelta, type TimedReading } from './sliding-delta.js';

/** A reading now and the one to compare it with, about a window ago. */
export interface WindowReading<T> {
  at: number;
  now: T;
  baseline: TimedReading<T>;
}

/**
 * Takes readings of cumulative figures with `read`, keeping them in a SlidingDelta: on each
 * `current()` and, once started, every `stepMs` in the background, so the window stays about
 * `windowMs` long however rarely the status is asked for.
 */
export class SampledWindow<T> {
  private readonly delta: SlidingDelta<T>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => T | Promise<T>,
    private readonly clock: Clock,
    windowMs: number,
    private readonly stepMs: number,
  ) {
    this.delta = new SlidingDelta(windowMs, stepMs);
  }

  /** A reading now, and the baseline (itself on the very first reading). */
  async current(): Promise<WindowReading<T>> {
    const now = await this.read();
    const at = this.clock.now();
    return { at, now, baseline: this.delta.observe(at, now) };
  }

  /** Samples every `stepMs` until `stop()`; the timer never keeps the process alive. */
  start(): void {
    if (this.timer !== undefined) return;
    // A failing read fails the status call that makes it too; the background sample just skips it.
    const sample = (): void => void this.current().catch(() => undefined);
    sample();
    this.timer = setInterval(sample, this.stepMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
