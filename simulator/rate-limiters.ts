import type { SimClock } from './sim-clock.js';
import type { RateLimitSetting, RateVerdict, SimRateLimiter, SimResponse } from './sim-route.js';

/** What a limiter decided about one request. */
export interface RateDecision {
  allowed: boolean;
  /** Units used in the current window after this request (fixed window) or tokens missing (bucket). */
  used: number;
  /** How long until the request would be allowed. */
  retryAfterMs: number;
}

/**
 * A counter reset at each window boundary aligned to the epoch, as Binance ("per 1 MINUTE"),
 * CoinGecko and CryptoCompare count. Denied requests count too: hammering a limit keeps it hit.
 */
export class FixedWindowLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  constructor(
    private readonly setting: RateLimitSetting,
    private readonly clock: SimClock,
  ) {}

  take(cost: number): RateDecision {
    const now = this.clock.now();
    const start = Math.floor(now / this.setting.windowMs) * this.setting.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    this.used += cost;
    return { allowed: this.used <= this.setting.limit, used: this.used, retryAfterMs: start + this.setting.windowMs - now };
  }
}

/** A lazily refilled token bucket (Coinbase, Kraken): bursts up to `limit`, refilled `limit` per `windowMs`. */
export class TokenBucketLimiter {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly setting: RateLimitSetting,
    private readonly clock: SimClock,
  ) {
    this.tokens = setting.limit;
    this.refilledAt = clock.now();
  }

  take(cost: number): RateDecision {
    const now = this.clock.now();
    const perMs = this.setting.limit / this.setting.windowMs;
    this.tokens = Math.min(this.setting.limit, this.tokens + (now - this.refilledAt) * perMs);
    this.refilledAt = now;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return { allowed: true, used: this.setting.limit - this.tokens, retryAfterMs: 0 };
    }
    return { allowed: false, used: this.setting.limit, retryAfterMs: Math.ceil((cost - this.tokens) / perMs) };
  }
}

/** Whole seconds for a Retry-After header, never 0 (a client told 0 would retry at once). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * A limiter that denies with the provider's own answer, given the Retry-After seconds; enough for
 * every provider whose limit is one counter (all but Binance, which escalates to bans).
 */
export function denyingLimiter(
  Limiter: typeof FixedWindowLimiter | typeof TokenBucketLimiter,
  deny: (retryAfter: number, endpoint: string, decision: RateDecision) => SimResponse,
): (setting: RateLimitSetting, clock: SimClock) => SimRateLimiter {
  return (setting, clock) => {
    const limiter = new Limiter(setting, clock);
    return {
      admit: (cost: number, endpoint: string): RateVerdict => {
        const decision = limiter.take(cost);
        return decision.allowed ? {} : { denied: deny(retryAfterSeconds(decision.retryAfterMs), endpoint, decision) };
      },
    };
  };
}
