import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { Logger } from '../logging/logger.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import { type ListedMarket, marketKey } from './listed-market.js';
import { MarketListStore } from './market-list-store.js';
import { MarketListingCaller } from './market-listing-caller.js';
import type { MarketCatalogue, MarketServer, MarketSource, ProviderMarketsStatus, ResolvedMarket } from './market-catalogue.js';
import { MarketsConfig } from './markets-config.js';

interface ProviderMarkets extends ProviderMarketsStatus {
  index: Map<string, ListedMarket>;
}

/**
 * Every market each provider serves, by `BASE/QUOTE`. A provider whose plugin declares a listing
 * function learns its markets from its listing endpoint at start (waiting at most
 * `markets.startupWaitMs`) and every `markets.refreshMs`; each listing is kept on disk. When a
 * listing cannot be had, the provider keeps the list it has: the last one fetched, the one kept on
 * disk, or else the built-in universe (its declared symbol map), said at warn and in the status —
 * never an empty market. Entries of `providers.<id>.symbols` in config override discovery, and one
 * naming a market the provider does not list is said at warn. The default MarketCatalogue.
 */
@injectable()
export class ListingMarketCatalogue implements MarketCatalogue, LifecycleContribution {
  private readonly byProvider = new Map<string, ProviderMarkets>();
  /** See MarketCatalogue.generation: one more each time a listing is installed. */
  generation = 0;
  private readonly reportedConfig = new Set<string>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(MarketListingCaller) private readonly caller: MarketListingCaller,
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(MarketListStore) private readonly store: MarketListStore,
    @inject(MarketsConfig) private readonly config: MarketsConfig,
    @inject(AppConfig) private readonly appConfig: AppConfig,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) private readonly logger: Logger,
  ) {
    for (const provider of registry.all()) this.install(provider, 'built-in', declaredMarkets(provider), null, null);
  }

  async initialize(): Promise<void> {
    if (!this.config.discovery) return;
    await Promise.all(
      this.listing().map(async (provider) => {
        const stored = await this.store.load(provider.id);
        if (stored !== undefined) this.install(provider, 'last-known', stored.markets, stored.fetchedAt, null);
      }),
    );
    const startedAt = this.clock.now();
    const endsAt = startedAt + this.config.startupWaitMs;
    let timer: NodeJS.Timeout | undefined;
    const first = this.refreshAll().then(() => this.untilCallableAgain(endsAt));
    await Promise.race([first, new Promise((resolve) => (timer = setTimeout(resolve, this.config.startupWaitMs)))]);
    clearTimeout(timer);
  }

  /**
   * After the first listings, waits (until `endsAt` at most) for the providers whose listing used
   * their spacing (Kraken's one call a second) to be callable again, so the first requests after
   * the start find them ready; a longer spacing (CoinGecko's 10 s) is not waited for.
   */
  private async untilCallableAgain(endsAt: number): Promise<void> {
    const readyAt = this.listing()
      .map((provider) => this.guard.nextCallAt(provider))
      .filter((at) => at <= endsAt);
    const waitMs = Math.max(0, ...readyAt) - this.clock.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
  }

  onStart(): void {
    if (!this.config.discovery || this.listing().length === 0) return;
    this.timer = setInterval(() => void this.refreshAll(), this.config.refreshMs);
    this.timer.unref();
  }

  async onStop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }

  /** Fetches every listing again (one at a time per provider; a refresh already running is joined). */
  refreshAll(): Promise<void> {
    this.running ??= Promise.all(this.listing().map((provider) => this.refresh(provider))).then(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * The market `providerId` serves `base` in `quote` from: that market (for an aggregator, its coin
   * in one of its declared `parameterQuotes`), or for a USD request without a USD market the first
   * of `markets.usdFrom` it lists. Undefined when it has none.
   */
  resolve(providerId: string, base: string, quote: string): ResolvedMarket | undefined {
    const index = this.byProvider.get(providerId)?.index;
    if (index === undefined) return undefined;
    const market = index.get(marketKey(base, quote)) ?? this.byParameter(providerId, index, base, quote);
    if (market !== undefined) return { base, quote, id: market.id, requestedQuote: quote };
    if (quote !== 'USD') return undefined;
    for (const candidate of this.config.usdFrom) {
      const substitute = index.get(marketKey(base, candidate)) ?? this.byParameter(providerId, index, base, candidate);
      if (substitute !== undefined) return { base, quote: candidate, id: substitute.id, requestedQuote: quote };
    }
    return undefined;
  }

  /** The markets of `base` enabled providers serve, by quote, each with the providers and their market ids. */
  quotesOf(base: string): Map<string, MarketServer[]> {
    const quotes = new Map<string, MarketServer[]>();
    for (const provider of this.enabled()) {
      const served = new Map<string, string>();
      const { quote: listedIn, parameterQuotes } = provider.declaration;
      for (const market of this.byProvider.get(provider.id)!.index.values()) {
        if (market.base !== base) continue;
        served.set(market.quote, market.id);
        if (market.quote === listedIn) for (const quote of parameterQuotes) if (quote !== base && !served.has(quote)) served.set(quote, market.id);
      }
      for (const [quote, id] of served) quotes.set(quote, [...(quotes.get(quote) ?? []), { providerId: provider.id, name: provider.declaration.name, id }]);
    }
    return new Map([...quotes].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Every base some enabled provider serves, sorted. */
  bases(): string[] {
    const bases = new Set<string>();
    for (const provider of this.enabled()) for (const market of this.byProvider.get(provider.id)!.index.values()) bases.add(market.base);
    return [...bases].sort();
  }

  status(providerId: string): ProviderMarketsStatus | undefined {
    const entry = this.byProvider.get(providerId);
    if (entry === undefined) return undefined;
    const { source, markets, halted, listedAt, lastError } = entry;
    return { source, markets, halted, listedAt, lastError };
  }

  private async refresh(provider: MarketProvider): Promise<void> {
    let listed: ListedMarket[];
    try {
      listed = await this.caller.list(provider, this.stopping.signal);
      if (!listed.some((market) => market.status === 'trading')) throw new Error('the listing has no trading market');
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      this.keepCurrent(provider, (error as Error).message);
      return;
    }
    const fetchedAt = this.clock.now();
    this.install(provider, 'discovered', listed, fetchedAt, null);
    const entry = this.byProvider.get(provider.id)!;
    this.logger.info({ provider: provider.id, markets: entry.markets, halted: entry.halted }, 'Markets discovered');
    this.reportConfigEntries(provider, listed);
    await this.store.save(provider.id, fetchedAt, listed);
  }

  private keepCurrent(provider: MarketProvider, reason: string): void {
    const entry = this.byProvider.get(provider.id)!;
    entry.lastError = reason;
    const serving = entry.source === 'built-in' ? 'the built-in universe' : `the ${entry.source === 'discovered' ? 'last fetched' : 'last known'} list`;
    this.logger.warn({ provider: provider.id, reason, serving, markets: entry.markets }, `Market listing unavailable: serving ${serving}`);
  }

  /** Once per provider: config entries naming a market its listing does not have (or has halted). */
  private reportConfigEntries(provider: MarketProvider, listed: readonly ListedMarket[]): void {
    if (this.reportedConfig.has(provider.id)) return;
    this.reportedConfig.add(provider.id);
    for (const market of configuredMarkets(provider, this.appConfig)) {
      const found = listed.find((candidate) => candidate.id === market.id);
      if (found?.status === 'trading') continue;
      const why = found === undefined ? 'not listed by the provider' : 'halted at the provider';
      this.logger.warn({ provider: provider.id, market: marketKey(market.base, market.quote), id: market.id, path: `providers.${provider.id}.symbols` }, `Configured market ${why}`);
    }
  }

  private install(provider: MarketProvider, source: MarketSource, listed: readonly ListedMarket[], listedAt: number | null, lastError: string | null): void {
    const index = new Map<string, ListedMarket>();
    let halted = 0;
    for (const market of listed) {
      if (market.status === 'trading') index.set(marketKey(market.base, market.quote), market);
      else halted += 1;
    }
    for (const market of configuredMarkets(provider, this.appConfig)) index.set(marketKey(market.base, market.quote), market);
    this.byProvider.set(provider.id, { source, index, markets: index.size, halted, listedAt, lastError });
    this.generation += 1;
  }

  /** An aggregator's coin listed in its declared quote, asked in one of its `parameterQuotes` (CoinGecko's `vs_currencies`), never in itself. */
  private byParameter(providerId: string, index: ReadonlyMap<string, ListedMarket>, base: string, quote: string): ListedMarket | undefined {
    const declaration = this.registry.get(providerId)?.declaration;
    if (declaration === undefined || quote === base || !declaration.parameterQuotes.includes(quote)) return undefined;
    return index.get(marketKey(base, declaration.quote));
  }

  private listing(): MarketProvider[] {
    return this.enabled().filter((provider) => provider.listMarkets !== undefined);
  }

  private enabled(): MarketProvider[] {
    return this.registry.all().filter((provider) => provider.disabledReason === null);
  }
}

/** The provider's declared symbol map as markets: its built-in universe. */
function declaredMarkets(provider: MarketProvider): ListedMarket[] {
  return toMarkets(provider.declaration.symbols, provider.declaration.quote);
}

/** The entries of `providers.<id>.symbols` in config, which override discovery. */
function configuredMarkets(provider: MarketProvider, config: AppConfig): ListedMarket[] {
  return toMarkets(config.providers[provider.id]?.symbols ?? {}, provider.declaration.quote);
}

function toMarkets(symbols: Readonly<Record<string, string>>, defaultQuote: string): ListedMarket[] {
  return Object.entries(symbols).map(([key, id]) => {
    const [base, quote = defaultQuote] = key.split('/') as [string, string?];
    return { base, quote, id, status: 'trading' as const };
  });
}
