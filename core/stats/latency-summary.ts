import { mean, quantile, type HistogramReading } from '../metrics/histogram-reading.js';
import type { LatencySummary } from './stats-snapshot.js';

/** A histogram reading (seconds) as the status shows it: milliseconds, rounded to 0.1. */
export function summarizeLatency(reading: HistogramReading): LatencySummary {
  const ms = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds * 10_000) / 10);
  return {
    count: reading.count,
    avgMs: ms(mean(reading)),
    p50Ms: ms(quantile(reading, 0.5)),
    p95Ms: ms(quantile(reading, 0.95)),
    p99Ms: ms(quantile(reading, 0.99)),
    histogram: reading.bounds.map((bound, index) => ({
      leMs: bound === Infinity ? null : Math.round(bound * 1_000_000) / 1_000,
      count: reading.cumulative[index]! - (index === 0 ? 0 : reading.cumulative[index - 1]!),
    })),
  };
}
