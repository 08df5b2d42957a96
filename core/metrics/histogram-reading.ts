import type { Histogram } from 'prom-client';

/** Label values of one series, by label name. */
export type SeriesLabels = Readonly<Record<string, string | number>>;

/** One histogram series (or a sum of series): cumulative counts per upper bound, in seconds; the last bound is +Inf. */
export interface HistogramReading {
  count: number;
  /** Sum of the observed values, in seconds. */
  sum: number;
  /** Upper bounds, ascending, `Infinity` last. */
  bounds: readonly number[];
  /** Observations at or below each bound (cumulative, as Prometheus exposes them). */
  cumulative: number[];
}

/**
 * Reads a prom-client histogram's series and sums them by `groupOf(labels)` (return undefined to
 * skip a series): what the status derives its latency figures from, so they are the ones
 * `/metrics` exposes.
 */
export async function readHistogram<L extends string>(
  histogram: Histogram<L>,
  groupOf: (labels: SeriesLabels) => string | undefined,
): Promise<Map<string, HistogramReading>> {
  const { values } = await histogram.get();
  const groups = new Map<string, HistogramReading>();
  // Series come out bucket by bucket, then _sum and _count; the series key skips `le`.
  const bySeries = new Map<string, { group: string; reading: HistogramReading }>();
  for (const { labels, value, metricName } of values) {
    const { le, ...series } = labels as Record<string, string | number>;
    const group = groupOf(series);
    if (group === undefined) continue;
    const key = JSON.stringify(series);
    let entry = bySeries.get(key);
    if (entry === undefined) {
      entry = { group, reading: { count: 0, sum: 0, bounds: [], cumulative: [] } };
      bySeries.set(key, entry);
    }
    const { reading } = entry;
    if (metricName?.endsWith('_bucket') === true) {
      (reading.bounds as number[]).push(le === '+Inf' ? Infinity : Number(le));
      reading.cumulative.push(value);
    } else if (metricName?.endsWith('_sum') === true) reading.sum = value;
    else if (metricName?.endsWith('_count') === true) reading.count = value;
  }
  for (const { group, reading } of bySeries.values()) {
    const total = groups.get(group);
    groups.set(group, total === undefined ? reading : addReadings(total, reading));
  }
  return groups;
}

/** A reading with nothing observed, over the given bounds. */
export function emptyReading(bounds: readonly number[]): HistogramReading {
  return { count: 0, sum: 0, bounds, cumulative: bounds.map(() => 0) };
}

/** The sum of two readings over the same bounds. */
export function addReadings(a: HistogramReading, b: HistogramReading): HistogramReading {
  return { count: a.count + b.count, sum: a.sum + b.sum, bounds: a.bounds, cumulative: a.cumulative.map((value, index) => value + (b.cumulative[index] ?? 0)) };
}

/** What was observed between `earlier` and `later` (two readings of the same series). */
export function subtractReadings(later: HistogramReading, earlier: HistogramReading): HistogramReading {
  return {
    count: later.count - earlier.count,
    sum: later.sum - earlier.sum,
    bounds: later.bounds,
    cumulative: later.cumulative.map((value, index) => value - (earlier.cumulative[index] ?? 0)),
  };
}

/**
 * The q-quantile (0–1) in seconds, estimated as Prometheus's `histogram_quantile` does: linear
 * interpolation inside the bucket holding the rank; the highest finite bound when the rank falls
 * in +Inf. Null when nothing was observed.
 */
export function quantile(reading: HistogramReading, q: number): number | null {
  if (reading.count <= 0) return null;
  const rank = q * reading.count;
  let previousBound = 0;
  let previousCount = 0;
  for (const [index, bound] of reading.bounds.entries()) {
    const cumulative = reading.cumulative[index]!;
    if (cumulative >= rank) {
      if (bound === Infinity) return previousBound;
      const inBucket = cumulative - previousCount;
      return inBucket === 0 ? bound : previousBound + (bound - previousBound) * ((rank - previousCount) / inBucket);
    }
    previousBound = bound;
    previousCount = cumulative;
  }
  return previousBound;
}

/** The mean in seconds, or null when nothing was observed. */
export function mean(reading: HistogramReading): number | null {
  return reading.count <= 0 ? null : reading.sum / reading.count;
}
