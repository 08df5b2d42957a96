import { Container, type ContainerModule } from 'inversify';
import { AppConfig } from '../../core/config/app-config.js';
import { configFromObject } from '../../core/config/config-loader.js';
import { ConfigSources } from '../../core/config/config-sources.js';
import type { CacheStore } from '../../core/cache/cache-store.js';
import type { Clock } from '../../core/clock/clock.js';
import { createCoreModule } from '../../core/core-module.js';
import { Env } from '../../core/config/env.js';
import { ProviderError, type ProviderErrorKind } from '../../core/errors/index.js';
import { Logger } from '../../core/logging/logger.js';
import { CAPABILITIES, type Capability, type CapabilityQuery, type CapabilityResult } from '../../core/providers/capability.js';
import type { FetchContext, MarketProvider } from '../../core/providers/market-provider.js';
import { ProviderContribution, type CapabilityFunctions } from '../../core/providers/provider-contribution.js';
import type { ProviderDeclaration } from '../../core/providers/provider-declaration.js';
import type { ProviderOverrides } from '../../core/providers/provider-overrides.js';
import { resolveDeclaration, type ProviderDefaults } from '../../core/providers/resolve-declaration.js';
import type { UpstreamClient } from '../../core/providers/upstream-client.js';
import { MarketRouter } from '../../core/router/market-router.js';
import { RouterStats } from '../../core/stats/router-stats.js';
import { silentLogger } from './test-app.js';

/** How a scripted provider answers one call: a price, an error kind, or a function of the call. */
export type Behaviour = { price: number } | { fail: ProviderErrorKind; retryAfterMs?: number } | { hang: true } | { delayMs: number; price: number };

/**
 * A provider whose answers a test scripts: it serves every capability for BTC/ETH/SOL (plus any
 * symbol in `symbols`), counts its calls and answers by `behaviour`. The harness binds its
 * `contribution`, whose functions call `fetch` (so a test may replace it); the router calls the
 * provider the registry builds from it, which has the same id and declaration.
 */
export class ScriptedProvider implements MarketProvider {
  readonly disabledReason: string | null = null;
  calls = 0;
  /** Upstream batch calls (each also counts one `calls` per symbol it answers). */
  batchCalls = 0;
  behaviour: Behaviour;

  constructor(
    readonly id: string,
    private readonly defaults: ProviderDefaults,
    readonly declaration: ProviderDeclaration,
    price: number,
    private readonly batching = false,
  ) {
    this.behaviour = { price };
  }

  /** What the harness binds: every capability answered by `fetch`, with the call's signal; with `batching`, a price batch endpoint too. */
  contribution(): ProviderContribution {
    const delegate = (capability: Capability) => (query: never, upstream: UpstreamClient) => this.fetch(capability, query, { signal: upstream.signal });
    const capabilities = Object.fromEntries(CAPABILITIES.map((capability) => [capability, delegate(capability)])) as CapabilityFunctions;
    if (!this.batching) return { id: this.id, defaults: this.defaults, capabilities };
    const fetchPrices = async (queries: readonly CapabilityQuery<'price'>[], upstream: UpstreamClient): Promise<Map<string, CapabilityResult<'price'>>> => {
      this.batchCalls += 1;
      const answers = await Promise.all(queries.map((query) => this.fetch('price', query, { signal: upstream.signal })));
      return new Map(queries.map((query, index) => [query.symbol, answers[index]!]));
    };
    return { id: this.id, defaults: this.defaults, capabilities, batches: { price: { limit: { maxSymbols: 50 }, weight: () => 1, fetch: fetchPrices } } };
  }

  async fetch<C extends Capability>(capability: C, query: CapabilityQuery<C>, context: FetchContext): Promise<CapabilityResult<C>> {
    this.calls += 1;
    const behaviour = this.behaviour;
    if ('fail' in behaviour) {
      throw new ProviderError(this.id, behaviour.fail, `scripted ${behaviour.fail}`, behaviour.retryAfterMs === undefined ? {} : { retryAfterMs: behaviour.retryAfterMs });
    }
    if ('hang' in behaviour) return new Promise<never>(() => undefined);
    if ('delayMs' in behaviour) await sleep(behaviour.delayMs, context.signal);
    const symbol = 'symbol' in query ? (query as { symbol: string }).symbol : '';
    const price = behaviour.price * (symbol === 'ETH' ? 0.05 : 1);
    const timestamp = Math.floor(Date.now() / 1000);
    const answers: { [K in Capability]: CapabilityResult<K> } = {
      price: { symbol, price, timestamp },
      ticker: { symbol, price, bid: null, ask: null, open24h: null, high24h: price * 1.01, low24h: price * 0.99, baseVolume24h: 10, quoteVolume24h: null, change24h: null, changePercent24h: 1, timestamp },
      ohlcv: { symbol, interval: '1h', candles: [[timestamp - 3600, price, price, price, price, 1]] },
      'fear-greed': { value: 50, classification: 'Neutral', timestamp },
      gas: { safe: 1, propose: 2, fast: 3, baseFee: 1, timestamp },
    };
    return answers[capability];
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
}

/** One scripted provider: its id, price and any declaration fields to change. */
export interface ScriptedProviderSpec {
  id: string;
  price?: number;
  weight: number;
  priority: number;
  declaration?: Partial<ProviderDefaults>;
  /** Declares a price batch endpoint (one upstream call for many symbols). */
  batch?: boolean;
}

/**
 * alpha, beta and gamma (weights 50, 30, 20; priorities 1, 2, 3) with limits loose enough for many requests and no
 * retries; `declaration` sets or replaces fields on top (a cacheTtlMs given replaces the default one whole).
 */
export function threeScriptedProviders(declaration: Partial<ProviderDefaults> = {}): ScriptedProviderSpec[] {
  return [
    { id: 'alpha', weight: 50, priority: 1 },
    { id: 'beta', weight: 30, priority: 2 },
    { id: 'gamma', weight: 20, priority: 3 },
  ].map((spec) => ({
    ...spec,
    declaration: { rateLimit: { requests: 100_000, windowMs: 60_000, minIntervalMs: 0 }, resilience: { retry: { maxAttempts: 0 } }, ...declaration },
  }));
}

/** A router over scripted providers, with its stats and the providers by id. */
export interface RouterHarness {
  router: MarketRouter;
  stats: RouterStats;
  providers: Record<string, ScriptedProvider>;
  container: Container;
}

/** Config sections, core replacements and modules loaded after core (as plugins are, so they may `rebind` core services). */
export interface RouterHarnessOptions {
  router?: Record<string, unknown>;
  cache?: Record<string, unknown>;
  /** The `markets` section (discovery, its folder, `usdFrom`). */
  markets?: Record<string, unknown>;
  /** `providers.<id>` overrides, as config gives them. */
  providers?: Record<string, unknown>;
  clock?: Clock;
  cacheStore?: CacheStore;
  modules?: ContainerModule[];
  /** Where the router logs (silent by default). */
  logger?: Logger;
}

/** Builds the real core (router, cache, guard, policies) over scripted providers. */
export function createRouterHarness(specs: ScriptedProviderSpec[], options: RouterHarnessOptions = {}): RouterHarness {
  const loaded = configFromObject(
    { plugins: [], router: options.router ?? {}, cache: options.cache ?? {}, markets: options.markets ?? {}, providers: options.providers ?? {} },
    'test-config.json',
  );
  const container = new Container();
  container.bind(AppConfig).toConstantValue(loaded.config);
  container.bind(ConfigSources).toConstantValue(loaded.sources);
  container.bind(Logger).toConstantValue(options.logger ?? silentLogger);
  container.bind(Env).toConstantValue({});
  const providers: Record<string, ScriptedProvider> = {};
  for (const spec of specs) {
    const defaults: ProviderDefaults = {
      name: spec.id.toUpperCase(),
      baseUrl: `http://127.0.0.1:9/${spec.id}`,
      capabilities: ['price', 'ticker', 'ohlcv', 'fear-greed', 'gas'],
      symbols: { BTC: 'BTC', ETH: 'ETH', SOL: 'SOL' },
      weight: spec.weight,
      priority: spec.priority,
      ...spec.declaration,
    };
    const overrides = (options.providers?.[spec.id] ?? undefined) as ProviderOverrides | undefined;
    const provider = new ScriptedProvider(spec.id, defaults, resolveDeclaration(spec.id, defaults, overrides, loaded.sources), spec.price ?? 50_000, spec.batch ?? false);
    providers[spec.id] = provider;
    container.bind<ProviderContribution>(ProviderContribution).toConstantValue(provider.contribution());
  }
  container.load(
    createCoreModule(loaded.config, {
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.cacheStore === undefined ? {} : { cacheStore: options.cacheStore }),
    }),
  );
  for (const module of options.modules ?? []) container.load(module);
  return { router: container.get<MarketRouter>(MarketRouter), stats: container.get<RouterStats>(RouterStats), providers, container };
}
