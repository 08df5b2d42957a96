/** CryptoCompare's rate-limit windows, shortest first, as named in its `RateLimit` block. */
const WINDOWS = ['second', 'minute', 'hour', 'day', 'month'] as const;

/** One rate-limit window. */
export type CryptoCompareWindow = (typeof WINDOWS)[number];

/** The `RateLimit` block of a Type 99 answer: calls made and allowed per window. */
export interface CryptoCompareRateLimit {
  calls_made?: Partial<Record<CryptoCompareWindow, number>>;
  max_calls?: Partial<Record<CryptoCompareWindow, number>>;
}

/**
 * How long to wait after an in-body rate limit: until the longest exhausted window starts again
 * (`calls_made >= max_calls`), or undefined when the body does not say which one is. The reset is
 * taken at UTC calendar boundaries (the counters are named per second, minute, hour, day and month;
 * the exact reset is not documented): if it is later, the next answer is another rate limit and the
 * declared back-off ladder takes over.
 */
export function cryptoCompareRetryAfterMs(rateLimit: CryptoCompareRateLimit | undefined, now: number): number | undefined {
  const exhausted = WINDOWS.filter((window) => {
    const made = rateLimit?.calls_made?.[window];
    const max = rateLimit?.max_calls?.[window];
    return made !== undefined && max !== undefined && made >= max;
  });
  const longest = exhausted.at(-1);
  return longest === undefined ? undefined : nextWindowStart(longest, now) - now;
}

function nextWindowStart(window: CryptoCompareWindow, now: number): number {
  const at = new Date(now);
  switch (window) {
    case 'second':
      return Math.floor(now / 1_000) * 1_000 + 1_000;
    case 'minute':
      return Math.floor(now / 60_000) * 60_000 + 60_000;
    case 'hour':
      return Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000;
    case 'day':
      return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
    case 'month':
      return Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  }
}
