import type { Histogram, LabelValues } from 'prom-client';

/** Observations kept at most before they are handed over unread. */
const MAX_PENDING = 256;

/**
 * Observations of a prom-client Histogram kept in two arrays and handed to it in one tight loop
 * whenever it is read (`flush` from its `collect`, which `/metrics`, `get()` and the status run)
 * or `MAX_PENDING` are waiting, so a hot path pays two array writes instead of prom-client's
 * label checks and hashing per call, while every read sees every observation. A value prom-client
 * would refuse is refused here, at once.
 */
export class DeferredObservations<L extends string> {
  private readonly labels: Array<LabelValues<L>> = [];
  private readonly values = new Float64Array(MAX_PENDING);
  private count = 0;
  private histogram: Histogram<L> | undefined;

  /** The histogram it feeds; observations made before are kept until this is called. */
  feed(histogram: Histogram<L>): void {
    this.histogram = histogram;
  }

  observe(labels: LabelValues<L>, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    this.labels[this.count] = labels;
    this.values[this.count] = value;
    this.count += 1;
    if (this.count === MAX_PENDING) this.flush();
  }

  /** Hands what is pending to the histogram. */
  flush(): void {
    const { histogram } = this;
    if (histogram === undefined) return;
    for (let index = 0; index < this.count; index += 1) histogram.observe(this.labels[index]!, this.values[index]!);
    this.labels.length = 0;
    this.count = 0;
  }
}
