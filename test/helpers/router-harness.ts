import { Container, type ContainerModule } from 'inversify';
import { AppConfig } from '../../core/config/app-config.js';
import { configFromObject } from '../../core/config/config-loader.js';
import { ConfigSources } from '../../core/config/config-sources.js';
import type { CacheStore } from '../../core/cache/cache-store.js';
import type { Clock } from '../../core/clock/clock.js';
import { createCoreModule } from '../../core/core-module.js';
import { ProviderError, type ProviderErrorKind } from '../../core/errors/index.js';
import { Logger } from '../../core/logging/logger.js';
import type { Capability, CapabilityQuery, CapabilityResult } from '../../core/providers/capability.js';
import { MarketProvider, type FetchContext } from '../../core/providers/market-provider.js';
import type { ProviderDeclaration } from '../../core/providers/provider-declaration.js';
import { resolveDeclaration, type ProviderDefaults } from '../../core/providers/resolve-declaration.js';
import { MarketRouter } from '../../core/router/market-router.js';
import { RouterStats } from '../../core/stats/router-stats.js';
import { silentLogger } from './test-app.js';

/** How a scripted provider answers one call: a price, an error kind, or a function of the call. */
export type Behaviour = { price: number } | { fail: ProviderErrorKind; retryAfterMs?: number } | { hang: true } | { delayMs: number; price: number };

/**
 * A MarketProvider whose answers a test scripts: it serves price, ticker, fear-greed and gas for
 * BTC/ETH/SOL (plus any symbol in `symbols`), counts its calls and answers by `behaviour`.
 */
export class ScriptedProvider implements MarketProvider {
  readonly disabledReason: string | null = null;
  calls = 0;
  behaviour: Behaviour;

  constructor(
    readonly id: string,
    readonly declaration: ProviderDeclaration,
    price: number,
  ) {
    this.behaviour = { price };
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
      ticker: { symbol, price, changePercent24h: 1, high24h: price * 1.01, low24h: price * 0.99, volume24h: 10, timestamp },
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
  clock?: Clock;
  cacheStore?: CacheStore;
  modules?: ContainerModule[];
}

/** Builds the real core (router, cache, guard, policies) over scripted providers. */
export function createRouterHarness(specs: ScriptedProviderSpec[], options: RouterHarnessOptions = {}): RouterHarness {
  const loaded = configFromObject({ plugins: [], router: options.router ?? {}, cache: options.cache ?? {} }, 'test-config.json');
  const container = new Container();
  container.bind(AppConfig).toConstantValue(loaded.config);
  container.bind(ConfigSources).toConstantValue(loaded.sources);
  container.bind(Logger).toConstantValue(silentLogger);
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
    const provider = new ScriptedProvider(spec.id, resolveDeclaration(spec.id, defaults, undefined, loaded.sources), spec.price ?? 50_000);
    providers[spec.id] = provider;
    container.bind<MarketProvider>(MarketProvider).toConstantValue(provider);
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
