import { Histogram, type HistogramConfiguration, type LabelValues, type MetricObjectWithValues, type MetricValueWithName } from 'prom-client';

/** One series' observations as a TalliedHistogram keeps them: counts per bucket (not cumulative, +Inf last), their sum and number. */
export interface Tally {
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A value as prom-client's Histogram reads it for `/metrics`: `labels` holds only a bucket's `le`
 * (a fresh object each, which `get()` then adds the rest to), `sharedLabels` the series' labels.
 */
type PromStringValue<L extends string> = MetricValueWithName<L> & { sharedLabels?: Partial<Record<string, string | number>> };

interface PromStringReading<L extends string> {
  getForPromString(): Promise<MetricObjectWithValues<PromStringValue<L>>>;
}

/**
 * A prom-client Histogram that also takes observations on a hot path: `tally(series, value)` adds
 * to a series' bucket counts held here (`seriesOf` makes the series once), with none of
 * prom-client's per-call label checks and hashing, and every read of the histogram (`get`, the
 * `/metrics` text, the status) reports prom-client's own observations and the tallies as one.
 * prom-client has no way to add counts but one observation at a time, hence this.
 */
export class TalliedHistogram<L extends string> extends Histogram<L> {
  private readonly bounds: readonly number[];
  private readonly metricName: string;
  private readonly tallies = new Map<string, { labels: LabelValues<L>; tally: Tally }>();

  constructor(configuration: Omit<HistogramConfiguration<L>, 'buckets'> & { buckets: readonly number[] }) {
    super({ ...configuration, buckets: [...configuration.buckets] });
    this.bounds = [...configuration.buckets].sort((a, b) => a - b);
    this.metricName = configuration.name;
  }

  /** The tally of the series `labels` names, made (empty) the first time. */
  seriesOf(labels: LabelValues<L>): Tally {
    const key = JSON.stringify(sortedEntries(labels));
    let known = this.tallies.get(key);
    if (known === undefined) {
      known = { labels: { ...labels }, tally: { counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 } };
      this.tallies.set(key, known);
    }
    return known.tally;
  }

  /** Adds one observation of `value` (seconds, finite; refused at once otherwise, as prom-client does) to `tally`. */
  tally(tally: Tally, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const { bounds } = this;
    let bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]!) bucket += 1;
    tally.counts[bucket]! += 1;
    tally.sum += value;
    tally.count += 1;
  }

  /**
   * How prom-client's Histogram reads itself, for `get()` and for the registry's `/metrics` text
   * alike (a method its types leave out): its own series, with the tallies added.
   */
  async getForPromString(): Promise<MetricObjectWithValues<PromStringValue<L>>> {
    const own = await (Histogram.prototype as unknown as PromStringReading<L>).getForPromString.call(this);
    return { ...own, values: this.withTallies(own.values) };
  }

  /** Forgets every observation, tallies too; the tallies stay the series' (their holders keep tallying into them). */
  override reset(): void {
    super.reset();
    // prom-client's own constructor resets, before this one has set its fields.
    const tallies = this.tallies as typeof this.tallies | undefined;
    for (const { tally } of tallies?.values() ?? []) {
      tally.counts.fill(0);
      tally.sum = 0;
      tally.count = 0;
    }
  }

  /** prom-client's values with each tallied series added in: to its own buckets, sum and count where it has them, else as a series of its own. */
  private withTallies(values: Array<PromStringValue<L>>): Array<PromStringValue<L>> {
    const merged = values.map((value) => ({ ...value }));
    const index = new Map(merged.map((value) => [valueKey(value), value]));
    for (const { labels, tally } of this.tallies.values()) {
      if (tally.count === 0) continue;
      const add = (value: PromStringValue<L>): void => {
        const known = index.get(valueKey(value));
        if (known === undefined) merged.push(value);
        else known.value += value.value;
      };
      let cumulative = 0;
      for (let bucket = 0; bucket <= this.bounds.length; bucket += 1) {
        cumulative += tally.counts[bucket]!;
        const le = bucket < this.bounds.length ? this.bounds[bucket]! : '+Inf';
        add({ metricName: `${this.metricName}_bucket`, labels: { le } as LabelValues<L>, sharedLabels: labels, value: cumulative });
      }
      add({ metricName: `${this.metricName}_sum`, labels: {}, sharedLabels: labels, value: tally.sum });
      add({ metricName: `${this.metricName}_count`, labels: {}, sharedLabels: labels, value: tally.count });
    }
    return merged;
  }
}

/** Which series and line a value is: its name, labels and shared labels (`le`), whatever their order. */
function valueKey({ metricName, labels, sharedLabels }: PromStringValue<string>): string {
  return JSON.stringify([metricName, sortedEntries(labels), sortedEntries(sharedLabels)]);
}

/** A label set's entries by name: equal for equal sets, whatever order their names were given in. */
function sortedEntries(record: object | undefined): Array<[string, unknown]> {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
}
