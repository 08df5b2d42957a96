import type { LatencySummary } from './stats-snapshot.js';

/** Histogram bucket upper bounds, in milliseconds; the last bucket is the overflow. */
const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

/** Percentiles come from the newest samples only, so memory stays bounded. */
const SAMPLES_KEPT = 1_000;

/** Response times: a fixed histogram since start plus a ring of recent samples for percentiles. */
export class LatencyRecorder {
  private readonly buckets = new Array<number>(BUCKETS_MS.length + 1).fill(0);
  private readonly samples: number[] = [];
  private next = 0;
  private count = 0;
  private sum = 0;

  record(latencyMs: number): void {
    const index = BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
    this.buckets[index === -1 ? BUCKETS_MS.length : index]! += 1;
    this.count += 1;
    this.sum += latencyMs;
    if (this.samples.length < SAMPLES_KEPT) this.samples.push(latencyMs);
    else this.samples[this.next] = latencyMs;
    this.next = (this.next + 1) % SAMPLES_KEPT;
  }

  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const percentile = (p: number): number => (sorted.length === 0 ? 0 : round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!));
    return {
      count: this.count,
      avgMs: this.count === 0 ? 0 : round(this.sum / this.count),
      p50Ms: percentile(50),
      p95Ms: percentile(95),
      p99Ms: percentile(99),
      histogram: this.buckets.map((count, index) => ({ leMs: BUCKETS_MS[index] ?? null, count })),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
