import type { Clock } from '../../../core/index.js';

/** A token bucket: `perSecond` messages a second, bursts of as many. */
export class MessageRateLimiter {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
  ) {
    this.tokens = perSecond;
    this.refilledAt = clock.now();
  }

  /** Takes one token; false when the bucket is empty (the client sends too fast). */
  take(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
