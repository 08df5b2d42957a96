import type { Candle, Interval } from '../../../core/providers/capability.js';

/** How to get one of our intervals out of `/coins/{id}/ohlc`. */
export interface CoinGeckoOhlcPlan {
  /** The `days` parameter; CoinGecko only accepts 1, 7, 14, 30, 90, 180, 365 and max. */
  days: number;
  /** Width of the candles CoinGecko returns for that `days` (it picks it, not us). */
  nativeSeconds: number;
  /** How many native candles make one of ours. */
  factor: number;
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
      return { days: 1, nativeSeconds: THIRTY_MINUTES, factor: 1 };
    case '1h':
      return { days: 1, nativeSeconds: THIRTY_MINUTES, factor: 2 };
    case '4h':
      return { days: fourHourDays(limit / 6), nativeSeconds: FOUR_HOURS, factor: 1 };
    case '1d':
      // One more day than asked: the first and the current day are usually incomplete.
      return { days: fourHourDays(limit + 1), nativeSeconds: FOUR_HOURS, factor: 6 };
    default:
      return undefined;
  }
}

function fourHourDays(neededDays: number): number {
  return [7, 14, 30].find((days) => days >= neededDays) ?? 30;
}

/**
 * Merges consecutive native candles into candles `factor` times wider, aligned to the Unix epoch
 * (so days start at 00:00 UTC). Buckets missing a native candle are dropped: their open or close
 * would be wrong.
 */
export function mergeCandles(candles: readonly Candle[], plan: CoinGeckoOhlcPlan): Candle[] {
  if (plan.factor === 1) return [...candles];
  const width = plan.nativeSeconds * plan.factor;
  const buckets = new Map<number, Candle[]>();
  for (const candle of candles) {
    const start = Math.floor(candle[0] / width) * width;
    buckets.set(start, [...(buckets.get(start) ?? []), candle]);
  }
  return [...buckets]
    .filter(([, group]) => group.length === plan.factor)
    .map(([start, group]): Candle => [
      start,
      group[0]![1],
      Math.max(...group.map((candle) => candle[2])),
      Math.min(...group.map((candle) => candle[3])),
      group[group.length - 1]![4],
      null,
    ]);
}
