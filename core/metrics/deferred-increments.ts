import type { Counter, LabelValues } from 'prom-client';
import { nestedCell } from '../collections/nested-cell.js';

/** One label set's increments not yet added to the counter. */
interface Pending<L extends string> {
  labels: LabelValues<L>;
  count: number;
}

/**
 * Increments of a prom-client Counter labelled by two values, kept as plain numbers and added to
 * the counter whenever it is read (`flush` from its `collect`, which `/metrics` and `get()` run),
 * so a hot path pays two Map lookups instead of prom-client's label checks and hashing per call.
 * Every read sees every increment.
 */
export class DeferredIncrements<L extends string> {
  private readonly pending = new Map<string, Map<string, Pending<L>>>();

  constructor(private readonly labelsOf: (first: string, second: string) => LabelValues<L>) {}

  add(first: string, second: string): void {
    this.cell(first, second).count += 1;
  }

  /** The pending count of one label set, for a hot path to keep and add to itself (`count += 1`); it stays the same object. */
  cell(first: string, second: string): { count: number } {
    return nestedCell(this.pending, first, second, () => ({ labels: this.labelsOf(first, second), count: 0 }));
  }

  /** Adds what is pending to `counter`. */
  flush(counter: Counter<L>): void {
    for (const bySecond of this.pending.values()) {
      for (const pending of bySecond.values()) {
        if (pending.count === 0) continue;
        counter.inc(pending.labels, pending.count);
        pending.count = 0;
      }
    }
  }
}
