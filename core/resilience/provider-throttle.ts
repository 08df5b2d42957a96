import type { ProviderError } from '../errors/provider-error.js';
import type { RateLimitInfo } from '../providers/market-provider.js';
import type { ProviderDeclaration } from '../providers/provider-declaration.js';
import type { ThrottleAction, ThrottleStatus } from './rate-limit-guard.js';

/**
 * The rate-limit state of one provider, from its declaration: a sliding window of the last
 * `rateLimit.requests` call times, the minimum spacing, header budgets, the 429 backoff schedule
 * and the blacklist. Pure bookkeeping: every method takes `now`.
 */
export class ProviderThrottle {
  /** Ring of the last `requests` call times; `head` is the oldest once full. */
  private readonly calls: Float64Array;
  private head = 0;
  private count = 0;
  private lastCallAt = Number.NEGATIVE_INFINITY;
  private cooldownUntil = 0;
  private headerBlockedUntil = 0;
  private blacklistedUntil = 0;
  private consecutive429 = 0;

  constructor(private readonly declaration: ProviderDeclaration) {
    this.calls = new Float64Array(declaration.rateLimit.requests);
  }

  /**
   * Earliest time a call weighing `weight` window slots may be sent (a batch endpoint may weigh
   * more than a single call); a weight above the whole window waits for an empty window.
   */
  nextCallAt(now: number, weight = 1): number {
    const { windowMs, minIntervalMs, requests } = this.declaration.rateLimit;
    const slots = Math.min(Math.max(1, Math.ceil(weight)), requests);
    // Room for `slots` more means the (count + slots - requests) oldest calls have left the window;
    // the i-th oldest sits at head - count + i.
    const windowFreeAt = this.count + slots <= requests ? now : this.calls[(this.head + slots - 1) % requests]! + windowMs;
    return Math.max(now, this.blacklistedUntil, this.cooldownUntil, this.headerBlockedUntil, this.lastCallAt + minIntervalMs, windowFreeAt);
  }

  allows(now: number, weight = 1): boolean {
    return this.nextCallAt(now, weight) <= now;
  }

  /** Records a call of `weight` slots when the budget allows it; false (and nothing recorded) otherwise. */
  tryAcquire(now: number, weight = 1): boolean {
    if (!this.allows(now, weight)) return false;
    const slots = Math.min(Math.max(1, Math.ceil(weight)), this.calls.length);
    for (let slot = 0; slot < slots; slot += 1) {
      this.calls[this.head] = now;
      this.head = (this.head + 1) % this.calls.length;
      this.count = Math.min(this.count + 1, this.calls.length);
    }
    this.lastCallAt = now;
    return true;
  }

  /** Rate-limit headers: an exhausted budget blocks calls until the window resets. */
  onRateLimitInfo(info: RateLimitInfo, now: number): void {
    if (info.remaining === undefined || info.remaining > 0) return;
    this.headerBlockedUntil = Math.max(this.headerBlockedUntil, now + (info.resetMs ?? this.declaration.rateLimit.windowMs));
  }

  onSuccess(): void {
    this.consecutive429 = 0;
  }

  /**
   * A 429 steps through `on429.backoffMs` (a Retry-After replaces the step) and blacklists after
   * `on429.blacklistAfter` in a row; a ban cools down at least its Retry-After; any other failure
   * carrying a Retry-After (a 503) is honoured too.
   */
  onFailure(error: ProviderError, now: number): ThrottleAction | undefined {
    if (error.kind !== 'rate_limited') {
      if (error.retryAfterMs === undefined) return undefined;
      this.coolDown(now + error.retryAfterMs);
      return 'backoff';
    }
    const { backoffMs, blacklistAfter, blacklistMs } = this.declaration.on429;
    this.consecutive429 += 1;
    if (this.consecutive429 >= blacklistAfter) {
      this.blacklistedUntil = now + blacklistMs;
      this.consecutive429 = 0;
      return 'blacklist';
    }
    const step = backoffMs[Math.min(this.consecutive429, backoffMs.length) - 1]!;
    const waitMs = error.banned ? Math.max(error.retryAfterMs ?? 0, step) : (error.retryAfterMs ?? step);
    this.coolDown(now + waitMs);
    return 'backoff';
  }

  status(now: number): ThrottleStatus {
    const blacklisted = this.blacklistedUntil > now;
    const coolingUntil = Math.max(this.cooldownUntil, this.headerBlockedUntil);
    const ends = Math.max(blacklisted ? this.blacklistedUntil : 0, coolingUntil);
    return {
      rateLimited: coolingUntil > now,
      blacklisted,
      nextCallAt: this.nextCallAt(now),
      cooldownUntil: ends > now ? ends : null,
      consecutive429: this.consecutive429,
    };
  }

  private coolDown(until: number): void {
    this.cooldownUntil = Math.max(this.cooldownUntil, until);
  }
}
