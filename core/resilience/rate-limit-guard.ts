import type { ProviderError } from '../errors/provider-error.js';
import type { MarketProvider, RateLimitInfo } from '../providers/market-provider.js';

/** What the guard did about a failure. */
export type ThrottleAction = 'backoff' | 'blacklist';

/** One provider's rate-limit state, for the status. */
export interface ThrottleStatus {
  /** Cooling down after a 429, a ban, a Retry-After or an exhausted header budget. */
  rateLimited: boolean;
  blacklisted: boolean;
  /** Earliest time (ms since epoch) the guard lets a call through. */
  nextCallAt: number;
  /** End of the current cooldown or blacklist, or null. */
  cooldownUntil: number | null;
  consecutive429: number;
}

/**
 * The rate-limit budgets of every provider, from its declaration: the window budget, the minimum
 * interval, header budgets, the 429 backoff and the blacklist. The router sends no call the guard
 * refuses. Taking a call slot is asynchronous, so a guard shared by replicas (Redis) settles it
 * against the shared budget; the reads the router plans every request with are synchronous, and
 * such a guard answers them from its local mirror of the shared state.
 */
export interface RateLimitGuard {
  /** True when a call weighing `weight` window slots (1 unless a batch endpoint declares more) could be sent now (nothing is recorded). */
  allows(provider: MarketProvider, weight?: number): boolean;
  /** Earliest time (ms since epoch) a call of `weight` slots (default 1) may be sent. */
  nextCallAt(provider: MarketProvider, weight?: number): number;
  status(provider: MarketProvider): ThrottleStatus;
  /**
   * Takes `weight` call slots (default 1) when the budget allows it; resolves false (nothing
   * recorded) when refused. Never rejects: a guard that cannot settle the slots refuses them.
   */
  tryAcquire(provider: MarketProvider, weight?: number): Promise<boolean>;
  /** Rate-limit headers of an answer; called from inside the provider's fetch, so it cannot wait. */
  onRateLimitInfo(provider: MarketProvider, info: RateLimitInfo): void;
  onSuccess(provider: MarketProvider): void;
  /** Applies backoff or blacklist for a failure; resolves with what it did, if anything. */
  onFailure(provider: MarketProvider, error: ProviderError): Promise<ThrottleAction | undefined>;
}

/** Injection token for the RateLimitGuard. */
export const RateLimitGuard = Symbol.for('crypto-datasource.RateLimitGuard');
