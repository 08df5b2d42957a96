import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock/clock.js';
import type { MarketProvider } from '../providers/market-provider.js';
import type { Deadline } from './deadline.js';
import type { RateLimitGuard } from './rate-limit-guard.js';

/** Times a refused slot is waited for again (another request may take the slot first) before giving up. */
const MAX_WAITS = 5;

/**
 * How long until the guard lets a call of `weight` slots (1 unless a batch endpoint weighs more) to
 * `provider` through, when that wait still leaves the request's deadline room for half the
 * provider's timeout; undefined when it does not fit.
 */
export function slotWaitMs(guard: RateLimitGuard, provider: MarketProvider, clock: Clock, deadline: Deadline, weight = 1): number | undefined {
  const waitMs = Math.max(0, guard.nextCallAt(provider, weight) - clock.now());
  return waitMs + provider.declaration.resilience.timeoutMs / 2 <= deadline.remainingMs() ? waitMs : undefined;
}

/**
 * Takes a call's `weight` slots (default 1) from the guard, waiting for them (the minimum interval,
 * a full window, a short cooldown: whatever the guard says) while the wait fits in the deadline.
 * False when it does not.
 */
export async function acquireWithinDeadline(guard: RateLimitGuard, provider: MarketProvider, clock: Clock, deadline: Deadline, weight = 1): Promise<boolean> {
  for (let waits = 0; waits <= MAX_WAITS; waits += 1) {
    if (await guard.tryAcquire(provider, weight)) return true;
    const waitMs = slotWaitMs(guard, provider, clock, deadline, weight);
    if (waitMs === undefined || waits === MAX_WAITS) return false;
    try {
      await sleep(Math.max(1, waitMs), undefined, { signal: deadline.signal });
    } catch {
      return false;
    }
  }
  return false;
}
