import type { FaultKind } from './sim-faults.js';
import { perProvider, type SimProviderId } from './sim-provider-id.js';

/** Counts per provider, then per key (endpoint, symbol, status, fault). */
export type NestedCounts = Record<SimProviderId, Record<string, number>>;

/** What `GET /__sim/stats` and `stats()` report. */
export interface SimStats {
  /** Requests received per provider (control calls excluded). */
  calls: Record<SimProviderId, number>;
  /** HTTP 429 answers per provider, from real limits and injected storms alike. */
  status429: Record<SimProviderId, number>;
  /** Answers that were the provider's rate-limit answer, whatever their status (Kraken and CryptoCompare use 200). */
  rateLimited: Record<SimProviderId, number>;
  /** Answers per HTTP status. */
  statuses: NestedCounts;
  endpoints: NestedCounts;
  /** Symbols, pairs or ids asked for, as the provider spells them. */
  symbols: NestedCounts;
  faults: NestedCounts;
}

/** Mutable counters behind `SimStats`. */
export class SimStatsRecorder {
  private stats: SimStats = emptyStats();

  call(id: SimProviderId, endpoint: string): void {
    this.stats.calls[id] += 1;
    bump(this.stats.endpoints[id], endpoint);
  }

  symbol(id: SimProviderId, symbol: string): void {
    bump(this.stats.symbols[id], symbol);
  }

  status(id: SimProviderId, status: number): void {
    bump(this.stats.statuses[id], String(status));
    if (status === 429) this.stats.status429[id] += 1;
  }

  rateLimited(id: SimProviderId): void {
    this.stats.rateLimited[id] += 1;
  }

  fault(id: SimProviderId, kind: FaultKind): void {
    bump(this.stats.faults[id], kind);
  }

  /** A deep copy, safe to keep while the simulator goes on counting. */
  snapshot(): SimStats {
    return structuredClone(this.stats);
  }

  clear(): void {
    this.stats = emptyStats();
  }
}

function emptyStats(): SimStats {
  return {
    calls: perProvider(() => 0),
    status429: perProvider(() => 0),
    rateLimited: perProvider(() => 0),
    statuses: perProvider(() => ({})),
    endpoints: perProvider(() => ({})),
    symbols: perProvider(() => ({})),
    faults: perProvider(() => ({})),
  };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
