import type { Clock } from '../clock/clock.js';
import type { Capability, CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import type { RouterConfig } from './router-config.js';

/** Queries followed at most; the one requested least recently is forgotten first. */
const MAX_QUERIES = 10_000;

/** One provider's cached answer to a query that refresh ahead follows. */
export interface RefreshTarget<C extends Capability = Capability> {
  provider: MarketProvider;
  capability: C;
  query: CapabilityQuery<C>;
  /** When the cached answer was fetched (ms since epoch, by the Clock). */
  fetchedAt: number;
}

interface Followed extends RefreshTarget {
  ttlMs: number;
  /** Last time a client was served this answer (or asked the upstream for it). */
  lastDemandAt: number;
  /** Its refresh was started (once per fetched answer, whatever its outcome). */
  started: boolean;
}

/**
 * Which cached answers to refresh before they expire, and when: an answer past
 * `refreshAhead.atPercentOfTtl` of its TTL, served within the last `refreshAhead.demandTtls` TTLs,
 * is refreshed once, when the next request for its query comes (no timer: a query nobody asks is
 * never refreshed). The refresh itself (an upstream call, its checks, the cache) is the router's.
 */
export class RefreshAhead {
  private readonly queries = new Map<string, Map<string, Followed>>();
  private running = 0;

  constructor(
    private readonly config: RouterConfig['refreshAhead'],
    private readonly clock: Clock,
    private readonly refresh: (target: RefreshTarget) => Promise<void>,
  ) {}

  /** A provider's answer to the query under `key` was cached (from a request or a refresh): followed from now on. */
  cached<C extends Capability>(key: string, provider: MarketProvider, capability: C, query: CapabilityQuery<C>, fetchedAt: number): void {
    const ttlMs = provider.declaration.cacheTtlMs[capability] ?? 0;
    if (!this.config.enabled || ttlMs <= 0) return;
    let byProvider = this.queries.get(key);
    if (byProvider === undefined) {
      byProvider = new Map();
      this.queries.set(key, byProvider);
      if (this.queries.size > MAX_QUERIES) this.queries.delete(this.queries.keys().next().value!);
    }
    const earlier = byProvider.get(provider.id);
    if (earlier !== undefined && earlier.fetchedAt >= fetchedAt) return;
    // A refreshed answer keeps the demand of the one it replaces: a query nobody asks stops being refreshed.
    const lastDemandAt = earlier?.lastDemandAt ?? fetchedAt;
    byProvider.set(provider.id, { provider, capability, query, fetchedAt, ttlMs, lastDemandAt, started: false } as Followed);
  }

  /**
   * A request for the query under `key` was answered (from `servedFromCache`'s cache, when it was):
   * records the demand and starts, in the background, the refreshes that are due.
   */
  requested(key: string, servedFromCache?: string): void {
    const byProvider = this.queries.get(key);
    if (byProvider === undefined) return;
    this.queries.delete(key);
    this.queries.set(key, byProvider);
    const now = this.clock.now();
    if (servedFromCache !== undefined) {
      const served = byProvider.get(servedFromCache);
      if (served !== undefined) served.lastDemandAt = now;
    }
    for (const [providerId, followed] of byProvider) {
      const age = now - followed.fetchedAt;
      if (age >= followed.ttlMs) {
        // Expired: the next request that reaches its provider fetches and caches it again.
        byProvider.delete(providerId);
        continue;
      }
      if (followed.started || age < (followed.ttlMs * this.config.atPercentOfTtl) / 100) continue;
      if (now - followed.lastDemandAt > followed.ttlMs * this.config.demandTtls) continue;
      if (this.running >= this.config.maxConcurrent) return;
      followed.started = true;
      this.running += 1;
      void this.refresh(followed).finally(() => {
        this.running -= 1;
      });
    }
    if (byProvider.size === 0) this.queries.delete(key);
  }
}
