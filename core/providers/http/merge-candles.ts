import type { Candle } from '../capability.js';

/** How `mergeCandles` cuts an upstream's candles into wider ones. */
export interface CandleMerge {
  /** Width of the merged candles in seconds; buckets are aligned to the Unix epoch (days start at 00:00 UTC). */
  widthSeconds: number;
  /**
   * Width of the upstream's own candles, given only for upstreams that send one for every period
   * (aggregators such as CoinGecko): a bucket not holding exactly `widthSeconds / nativeSeconds` of
   * them is incomplete, so its open or close would be wrong, and it is dropped. Left out for
   * exchanges, which skip periods without trades, so a gap says nothing about a bucket.
   */
  nativeSeconds?: number;
}

/**
 * Merges ascending candles into wider, epoch-aligned ones: first open, highest high, lowest low,
 * last close, summed volume (unknown if any part is unknown). A bucket that starts before the first
 * candle is dropped, as the answer's window may have cut its beginning off.
 */
export function mergeCandles(candles: readonly Candle[], { widthSeconds, nativeSeconds }: CandleMerge): Candle[] {
  const first = candles[0];
  if (first === undefined) return [];
  const buckets = new Map<number, Candle[]>();
  for (const candle of candles) {
    const start = Math.floor(candle[0] / widthSeconds) * widthSeconds;
    if (start < first[0]) continue;
    const bucket = buckets.get(start);
    if (bucket === undefined) buckets.set(start, [candle]);
    else bucket.push(candle);
  }
  const complete = (group: readonly Candle[]): boolean => nativeSeconds === undefined || group.length === widthSeconds / nativeSeconds;
  return [...buckets].filter(([, group]) => complete(group)).map(([start, group]) => mergeBucket(start, group));
}

function mergeBucket(start: number, group: readonly Candle[]): Candle {
  const volumes = group.map((candle) => candle[5]);
  return [
    start,
    group[0]![1],
    Math.max(...group.map((candle) => candle[2])),
    Math.min(...group.map((candle) => candle[3])),
    group[group.length - 1]![4],
    volumes.includes(null) ? null : volumes.reduce<number>((sum, volume) => sum + volume!, 0),
  ];
}
