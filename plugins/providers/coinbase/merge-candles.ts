import type { Candle } from '../../../core/providers/capability.js';

/**
 * Merges ascending candles into candles `widthSeconds` wide, aligned to the Unix epoch (days start
 * at 00:00 UTC): first open, highest high, lowest low, last close, summed volume. Exchanges skip
 * periods without trades, so a gap inside a bucket is no reason to drop it; only buckets that start
 * before the first candle are dropped, as the answer's window may have cut their beginning off.
 */
export function mergeCandles(candles: readonly Candle[], widthSeconds: number): Candle[] {
  const first = candles[0];
  if (first === undefined) return [];
  const buckets = new Map<number, Candle[]>();
  for (const candle of candles) {
    const start = Math.floor(candle[0] / widthSeconds) * widthSeconds;
    if (start >= first[0]) buckets.set(start, [...(buckets.get(start) ?? []), candle]);
  }
  return [...buckets].map(([start, group]): Candle => [
    start,
    group[0]![1],
    Math.max(...group.map((candle) => candle[2])),
    Math.min(...group.map((candle) => candle[3])),
    group[group.length - 1]![4],
    group.some((candle) => candle[5] === null) ? null : group.reduce((sum, candle) => sum + candle[5]!, 0),
  ]);
}
