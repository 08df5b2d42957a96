import type { Counter } from 'prom-client';
import type { SeriesLabels } from './histogram-reading.js';

/** Sums a prom-client counter's series by `groupOf(labels)` (undefined skips a series). */
export async function readCounter<L extends string>(counter: Counter<L>, groupOf: (labels: SeriesLabels) => string | undefined): Promise<Map<string, number>> {
  const { values } = await counter.get();
  const groups = new Map<string, number>();
  for (const { labels, value } of values) {
    const group = groupOf(labels as SeriesLabels);
    if (group !== undefined) groups.set(group, (groups.get(group) ?? 0) + value);
  }
  return groups;
}
