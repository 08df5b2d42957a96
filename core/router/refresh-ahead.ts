import type { Clock } from '../clock/clock.js';
import { BATCH_CAPABILITIES, type BatchCapability, type Capability, type CapabilityQuery } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { quoteOf } from './answer-checks.js';
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
  key: string;
  ttlMs: number;
  /** Last time a client was served this answer (or asked the upstream for it). */
  lastDemandAt: number;
  /** Its refresh was started (once per fetched answer, unless the call was skipped before it went out). */
  started: boolean;
}

/**
 * Refreshes one provider's answers (all of one capability and quote): resolves with the targets
 * whose call was skipped before it went out (an open circuit, no rate-limit slot), which a later
 * request may start again; never rejects.
 */
export type Refresh = (targets: RefreshTarget[]) => Promise<RefreshTarget[]>;

/**
 * Which cached answers to refresh before they expire, and when: an answer past
 * `refreshAhead.atPercentOfTtl` of its TTL (earlier by how long its provider's last refresh took),
 * served within the last `refreshAhead.demandTtls` TTLs, is refreshed once, when the next request
 * for its query comes (no timer: a query nobody asks is never refreshed), while its provider's
 * refreshes take at most `refreshAhead.maxBudgetPercent` of its declared rate-limit window. A
 * provider with a batch endpoint refreshes, in the same call, its other answers of that capability
 * and quote that are in demand and past half their TTL. The
 * refresh itself (upstream calls through the guard and breaker, their checks, the cache) is the router's.
 */
export class RefreshAhead {
  private readonly queries = new Map<string, Map<string, Followed>>();
  private readonly byProvider = new Map<string, Set<Followed>>();
  /** How long each provider's last refresh took: its next ones start that much earlier, so they land before expiry. */
  private readonly refreshMs = new Map<string, number>();
  /** When each provider's refreshes of its current rate-limit window started, oldest first. */
  private readonly startedAt = new Map<string, number[]>();
  private running = 0;
  /** The key last moved to the end of `queries` (the most recently requested), while nothing was added after it. */
  private mostRecent: string | undefined;

  constructor(
    private readonly config: RouterConfig['refreshAhead'],
    private readonly clock: Clock,
    private readonly refresh: Refresh,
  ) {}

  /** A provider's answer to the query under `key` was cached (from a request or a refresh): followed from now on. */
  cached<C extends Capability>(key: string, provider: MarketProvider, capability: C, query: CapabilityQuery<C>, fetchedAt: number): void {
    const ttlMs = provider.declaration.cacheTtlMs[capability] ?? 0;
    if (!this.config.enabled || ttlMs <= 0) return;
    let answers = this.queries.get(key);
    if (answers === undefined) {
      answers = new Map();
      this.queries.set(key, answers);
      this.mostRecent = undefined;
      if (this.queries.size > MAX_QUERIES) this.forget(this.queries.keys().next().value!);
    }
    const earlier = answers.get(provider.id);
    if (earlier !== undefined && earlier.fetchedAt >= fetchedAt) return;
    // A refreshed answer keeps the demand of the one it replaces: a query nobody asks stops being refreshed.
    const followed = { key, provider, capability, query, fetchedAt, ttlMs, lastDemandAt: earlier?.lastDemandAt ?? fetchedAt, started: false } as Followed;
    answers.set(provider.id, followed);
    const ofProvider = this.byProvider.get(provider.id) ?? new Set<Followed>();
    if (earlier !== undefined) ofProvider.delete(earlier);
    ofProvider.add(followed);
    this.byProvider.set(provider.id, ofProvider);
  }

  /**
   * A request for the query under `key` was answered (from `servedFromCache`'s cache, when it was):
   * records the demand and starts, in the background, the refreshes that are due.
   */
  requested(key: string, servedFromCache?: string): void {
    const answers = this.queries.get(key);
    if (answers === undefined) return;
    if (this.mostRecent !== key) {
      this.queries.delete(key);
      this.queries.set(key, answers);
      this.mostRecent = key;
    }
    const now = this.clock.now();
    if (servedFromCache !== undefined) {
      const served = answers.get(servedFromCache);
      if (served !== undefined) served.lastDemandAt = now;
    }
    if (!this.anyActionable(answers, now)) return;
    for (const followed of [...answers.values()]) {
      if (this.expired(followed, now) || followed.started || !this.inDemand(followed, now)) continue;
      if (!this.due(followed, now)) continue;
      if (this.running >= this.config.maxConcurrent) return;
      if (this.withinBudget(followed.provider, now)) this.start([followed, ...this.companions(followed, now)], now);
    }
  }

  /** True when the loop of `requested` would drop or start anything (most requests, for a hot query, find nothing to do). */
  private anyActionable(answers: ReadonlyMap<string, Followed>, now: number): boolean {
    for (const followed of answers.values()) {
      if (pastTtl(followed, now)) return true;
      if (!followed.started && this.inDemand(followed, now) && this.due(followed, now)) return true;
    }
    return false;
  }

  /** Drops an answer past its TTL (the next request that reaches its provider fetches and caches it again); true when it was. */
  private expired(followed: Followed, now: number): boolean {
    if (!pastTtl(followed, now)) return false;
    this.queries.get(followed.key)?.delete(followed.provider.id);
    if (this.queries.get(followed.key)?.size === 0) this.queries.delete(followed.key);
    this.byProvider.get(followed.provider.id)?.delete(followed);
    return true;
  }

  /** Past `atPercentOfTtl` of its TTL, less how long its provider's last refresh took. */
  private due(followed: Followed, now: number): boolean {
    return now - followed.fetchedAt >= (followed.ttlMs * this.config.atPercentOfTtl) / 100 - (this.refreshMs.get(followed.provider.id) ?? 0);
  }

  private inDemand(followed: Followed, now: number): boolean {
    return now - followed.lastDemandAt <= followed.ttlMs * this.config.demandTtls;
  }

  /**
   * The provider's other answers refreshed in the same batch call: same capability and quote, in
   * demand, past half their TTL (not only the due ones: answers fetched apart fall into step, and
   * the provider gets one call per cycle instead of one per answer).
   */
  private companions(due: Followed, now: number): Followed[] {
    if (!isBatchCapability(due.capability) || due.provider.batchOf?.(due.capability) === undefined) return [];
    const quote = quoteOf(due.query);
    return [...(this.byProvider.get(due.provider.id) ?? [])].filter(
      (other) =>
        other !== due &&
        !other.started &&
        other.capability === due.capability &&
        quoteOf(other.query) === quote &&
        now - other.fetchedAt >= other.ttlMs / 2 &&
        !this.expired(other, now) &&
        this.inDemand(other, now),
    );
  }

  /** True while the provider's refreshes in its current rate-limit window stay within `maxBudgetPercent` of its declared budget. */
  private withinBudget(provider: MarketProvider, now: number): boolean {
    const { requests, windowMs } = provider.declaration.rateLimit;
    const starts = this.startedAt.get(provider.id) ?? [];
    while (starts.length > 0 && starts[0]! <= now - windowMs) starts.shift();
    this.startedAt.set(provider.id, starts);
    return starts.length < (requests * this.config.maxBudgetPercent) / 100;
  }

  private start(targets: Followed[], now: number): void {
    const provider = targets[0]!.provider;
    for (const target of targets) target.started = true;
    this.startedAt.get(provider.id)!.push(now);
    this.running += 1;
    void this.refresh(targets).then((skipped) => {
      this.running -= 1;
      if (skipped.length < targets.length) this.refreshMs.set(provider.id, this.clock.now() - now);
      for (const target of skipped) (target as Followed).started = false;
    });
  }

  private forget(key: string): void {
    for (const followed of this.queries.get(key)?.values() ?? []) this.byProvider.get(followed.provider.id)?.delete(followed);
    this.queries.delete(key);
  }
}

function isBatchCapability(capability: Capability): capability is BatchCapability {
  return (BATCH_CAPABILITIES as readonly Capability[]).includes(capability);
}

/** The followed answer is past its TTL: it is dropped rather than refreshed. */
function pastTtl(followed: Followed, now: number): boolean {
  return now - followed.fetchedAt >= followed.ttlMs;
}
