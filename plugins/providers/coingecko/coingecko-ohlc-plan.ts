import type { Interval } from '../../../core/index.js';

/** How to get one of our intervals out of `/coins/{id}/ohlc`. */
export interface CoinGeckoOhlcPlan {
  /** The `days` parameter; CoinGecko only accepts 1, 7, 14, 30, 90, 180, 365 and max. */
  days: number;
  /** Width of the candles CoinGecko returns for that `days` (it picks it, not us). */
  nativeSeconds: number;
}

const THIRTY_MINUTES = 1_800;
const FOUR_HOURS = 14_400;

/**
 * Picks `days` from the interval and the number of candles asked. CoinGecko returns 30-minute
 * candles for 1–2 days and 4-hour candles for 3–30 days (4-day ones beyond), so 1h and 1d are
 * merged from those, and 1m/5m/15m cannot be served (undefined). A limit beyond what 1 or 30 days
 * hold gets the most CoinGecko has.
 */
export function planCoinGeckoOhlc(interval: Interval, limit: number): CoinGeckoOhlcPlan | undefined {
  switch (interval) {
    case '30m':
    case '1h':
      return { days: 1, nativeSeconds: THIRTY_MINUTES };
    case '4h':
      return { days: fourHourDays(limit / 6), nativeSeconds: FOUR_HOURS };
    case '1d':
      // One more day than asked: the first and the current day are usually incomplete.
      return { days: fourHourDays(limit + 1), nativeSeconds: FOUR_HOURS };
    default:
      return undefined;
  }
}

function fourHourDays(neededDays: number): number {
  return [7, 14, 30].find((days) => days >= neededDays) ?? 30;
}
