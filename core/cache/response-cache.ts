import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import { jsonValue } from '../json/json-value.js';
import type { Capability, CapabilityQuery, CapabilityResult } from '../providers/capability.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { RouterConfig } from '../router/router-config.js';
import { CacheStore } from './cache-store.js';

/** One provider's validated answer, as cached. */
export interface CacheEntry<C extends Capability> {
  providerId: string;
  data: CapabilityResult<C>;
  /** When the upstream answered (ms since epoch, by the Clock). */
  fetchedAt: number;
}

/** `price:binance:[["quote","USD"],["symbol","BTC"]]`: one key per capability, provider and query (JSON of its fields in code-unit order). */
export function cacheKey<C extends Capability>(capability: C, providerId: string, query: CapabilityQuery<C>): string {
  // Written out rather than JSON.stringify of the sorted entries, which costs several times more: the router builds keys on every request.
  const fields = query as Record<string, unknown>;
  const names = Object.keys(fields).sort();
  let key = `${capability}:${providerId}:[`;
  for (let index = 0; index < names.length; index += 1) key += `${index === 0 ? '' : ','}[${jsonValue(names[index])},${jsonValue(fields[names[index]!])}]`;
  return `${key}]`;
}

/**
 * Answers per provider, capability and query. Freshness is the provider's declared TTL for the
 * capability (`cacheTtlMs`), judged with the Clock; entries are kept up to `router.maxStalenessMs`
 * so that, when every provider fails, the freshest one can still be served marked stale.
 */
@injectable()
export class ResponseCache {
  constructor(
    @inject(CacheStore) private readonly store: CacheStore,
    @inject(Clock) private readonly clock: Clock,
    @inject(RouterConfig) private readonly config: RouterConfig,
  ) {}

  /** The provider's answer when it is younger than the provider's TTL for `capability`. */
  fresh<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): CacheEntry<C> | undefined {
    return this.freshUnder(provider, capability, cacheKey(capability, provider.id, query));
  }

  /** `fresh` for a query whose cache key (`cacheKey(capability, provider.id, query)`) the caller already holds. */
  freshUnder<C extends Capability>(provider: MarketProvider, capability: C, key: string): CacheEntry<C> | undefined {
    const entry = this.store.get<CacheEntry<C>>(key);
    if (entry === undefined) return undefined;
    return this.clock.now() < this.freshUntil(provider, capability, entry) ? entry : undefined;
  }

  /** When (ms since epoch, by the Clock) the provider's `entry` stops being fresh: its fetch time plus the provider's TTL for `capability`. */
  freshUntil(provider: MarketProvider, capability: Capability, entry: CacheEntry<Capability>): number {
    return entry.fetchedAt + ttlOf(provider, capability);
  }

  /** The youngest answer any of `providers` has for the query, if it is at most `maxAgeMs` old and `servable` agrees. */
  freshest<C extends Capability>(
    providers: readonly MarketProvider[],
    capability: C,
    query: CapabilityQuery<C>,
    maxAgeMs: number,
    servable: (entry: CacheEntry<C>) => boolean = () => true,
  ): CacheEntry<C> | undefined {
    const now = this.clock.now();
    let best: CacheEntry<C> | undefined;
    for (const provider of providers) {
      const entry = this.store.get<CacheEntry<C>>(cacheKey(capability, provider.id, query));
      if (entry === undefined || now - entry.fetchedAt > maxAgeMs || !servable(entry)) continue;
      if (best === undefined || entry.fetchedAt > best.fetchedAt) best = entry;
    }
    return best;
  }

  /** The provider's answer however old, while it is kept. */
  held<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): CacheEntry<C> | undefined {
    return this.store.get<CacheEntry<C>>(cacheKey(capability, provider.id, query));
  }

  /** Forgets the provider's answer to the query (a wrong price must not be served again). */
  drop<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>): void {
    this.store.delete(cacheKey(capability, provider.id, query));
  }

  /** Stores a validated answer; false when the store is full and refused it. */
  put<C extends Capability>(provider: MarketProvider, capability: C, query: CapabilityQuery<C>, entry: CacheEntry<C>): boolean {
    const keepMs = Math.max(ttlOf(provider, capability), this.config.maxStalenessMs) - (this.clock.now() - entry.fetchedAt);
    if (keepMs <= 0) return false;
    return this.store.set(cacheKey(capability, provider.id, query), entry, keepMs);
  }

  /** The store's `changes` (undefined when it does not count them): while unchanged, no entry was stored or dropped. */
  get changes(): number | undefined {
    return this.store.changes;
  }

  /** Entries held right now. */
  size(): number {
    return this.store.size();
  }
}

function ttlOf(provider: MarketProvider, capability: Capability): number {
  return provider.declaration.cacheTtlMs[capability] ?? 0;
}
