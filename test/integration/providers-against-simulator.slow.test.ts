import { expect } from 'chai';
import nock from 'nock';
import type { ProviderErrorKind } from '../../core/errors/index.js';
import { INTERVALS, type Capability, type Interval } from '../../core/providers/capability.js';
import type { MarketProvider } from '../../core/providers/market-provider.js';
import type { ProviderFaults } from '../../simulator/sim-faults.js';
import type { SimProviderId } from '../../simulator/sim-provider-id.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { providerErrorOf } from '../helpers/aggregator-harness.js';
import { silentLogger } from '../helpers/test-app.js';
import { expectCandles, expectFearGreed, expectGasPrices, expectPositivePrice, expectPriceQuote, expectTicker } from './providers-answer-checks.js';

/** Every built-in provider plugin; each one's id is also the path of its simulated upstream. */
const BUILTIN_PROVIDER_IDS = [
  'binance',
  'coinbase',
  'kraken',
  'bitstamp',
  'gemini',
  'cryptocompare',
  'coincap',
  'coingecko',
  'alternative-me',
  'etherscan',
] as const satisfies readonly SimProviderId[];

/** The provider declared only in config, with the `http-json` plugin, over the simulator's generic API. */
const CONFIG_PROVIDER = 'simex';
const CONFIG_PROVIDER_NAME = 'SimEx';

/** Every provider under test and the simulator prefix it calls. */
const SIM_ID_OF: Readonly<Record<string, SimProviderId>> = {
  ...Object.fromEntries(BUILTIN_PROVIDER_IDS.map((id) => [id, id])),
  [CONFIG_PROVIDER]: 'generic',
};
const PROVIDER_IDS = Object.keys(SIM_ID_OF);

/**
 * An upstream identifier each symbol provider does not list, in that provider's own format, mapped
 * to our ticker `ZZZ` in config: the upstream itself has to say it does not know it.
 */
const UNLISTED_IDS: Readonly<Record<string, string>> = {
  binance: 'ZZZUSDT',
  coinbase: 'ZZZ-USD',
  kraken: 'ZZZUSD',
  bitstamp: 'zzzusd',
  gemini: 'zzzusd',
  cryptocompare: 'ZZZ',
  coincap: 'zzz-coin',
  coingecko: 'zzz-coin',
  [CONFIG_PROVIDER]: 'ZZZ',
};
const SYMBOL_PROVIDER_IDS = Object.keys(UNLISTED_IDS);

/** Intervals a provider documents it cannot serve (CoinGecko's finest candle is 30 minutes). */
const UNSUPPORTED_INTERVALS: Readonly<Record<string, readonly Interval[]>> = { coingecko: ['1m', '5m', '15m'] };

const SYMBOLS = ['BTC', 'ETH', 'DOGE'];
const CANDLE_LIMIT = 24;
const CALL_TIMEOUT_MS = 5_000;
/** Short enough that a held or slowed request is abandoned quickly. */
const SHORT_TIMEOUT_MS = 300;
/** Well past SHORT_TIMEOUT_MS, yet short so the simulator's pending delays do not pile up across cases. */
const SLOW_ANSWER_MS = 1_500;
/** The simulator is one market with small per-venue spreads. */
const MAX_PRICE_SPREAD_PERCENT = 2;
/** The simulator's injected 429s carry a Retry-After of 1–30 s. */
const SIM_RETRY_AFTER_MS = { min: 1_000, max: 30_000 };
const HTTP_PRICE_REQUESTS = 20;

/** One injected fault and the ProviderError kind it must become. */
interface FaultCase {
  name: string;
  faults: ProviderFaults;
  kind: ProviderErrorKind;
  timeoutMs: number;
  /** Only for providers that quote prices. */
  pricesOnly?: boolean;
  /** Calls made, each of which must fail so: the garbage fault alternates an HTML page and cut-off JSON (3: Etherscan allows 3/s). */
  calls?: number;
}

const FAULT_CASES: readonly FaultCase[] = [
  { name: 'HTTP 500', faults: { errorRate: 1 }, kind: 'unavailable', timeoutMs: CALL_TIMEOUT_MS },
  { name: 'connection reset', faults: { resetRate: 1 }, kind: 'unavailable', timeoutMs: CALL_TIMEOUT_MS },
  { name: 'held request', faults: { timeoutRate: 1 }, kind: 'timeout', timeoutMs: SHORT_TIMEOUT_MS },
  { name: 'answer slower than the deadline', faults: { latencyMs: SLOW_ANSWER_MS }, kind: 'timeout', timeoutMs: SHORT_TIMEOUT_MS },
  { name: 'garbage body', faults: { garbageRate: 1 }, kind: 'malformed_body', timeoutMs: CALL_TIMEOUT_MS, calls: 3 },
  { name: '429 storm', faults: { status429Rate: 1 }, kind: 'rate_limited', timeoutMs: CALL_TIMEOUT_MS },
  { name: 'price ×1000', faults: { wrongPriceRate: 1 }, kind: 'insane_value', timeoutMs: CALL_TIMEOUT_MS, pricesOnly: true },
];

/** One call of the provider's main capability: a BTC price, or the symbol-less index it serves. */
function probe(provider: MarketProvider, signal: AbortSignal): Promise<unknown> {
  const { capabilities } = provider.declaration;
  if (capabilities.includes('price')) return provider.fetch('price', { symbol: 'BTC' }, { signal });
  if (capabilities.includes('fear-greed')) return provider.fetch('fear-greed', {}, { signal });
  return provider.fetch('gas', {}, { signal });
}

function context(timeoutMs: number = CALL_TIMEOUT_MS): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(timeoutMs) };
}

describe('built-in providers against the upstream simulator, through the kernel', function () {
  this.timeout(20_000);
  let gateway: SimulatedGateway;

  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    // The launcher points every provider, the http-json one included, at the simulator, whatever baseUrl config gives.
    gateway = await createSimulatedGateway({
      config: {
        server: { port: 0, host: '127.0.0.1' },
        plugins: [
          ...BUILTIN_PROVIDER_IDS,
          {
            name: 'http-json',
            options: {
              providers: {
                [CONFIG_PROVIDER]: {
                  name: CONFIG_PROVIDER_NAME,
                  baseUrl: 'http://127.0.0.1:9/not-the-simulator',
                  symbols: { BTC: 'BTC', ETH: 'ETH', DOGE: 'DOGE', ZZZ: UNLISTED_IDS[CONFIG_PROVIDER]! },
                  endpoints: { price: { path: '/api/v1/ticker/{symbol}', pricePointer: '/data/last', timestampPointer: '/data/ts', timestampUnit: 's' } },
                },
              },
            },
          },
          'market-api',
        ],
        providers: Object.fromEntries(BUILTIN_PROVIDER_IDS.filter((id) => id in UNLISTED_IDS).map((id) => [id, { symbols: { ZZZ: UNLISTED_IDS[id]! } }])),
      },
      env: {},
      logger: silentLogger,
      simulator: { seed: 7 },
    });
  });
  after(async () => {
    await gateway?.stop();
    nock.enableNetConnect();
  });
  beforeEach(() => gateway.simulator.reset());

  it('binds every built-in provider plugin and the config-declared one, all enabled and pointed at the simulator', () => {
    const providers = gateway.providers();
    expect(providers.map((provider) => provider.id)).to.have.members(PROVIDER_IDS);
    for (const provider of providers) {
      expect(provider.disabledReason, provider.id).to.equal(null);
      expect(provider.declaration.baseUrl, provider.id).to.equal(gateway.simulator.baseUrlOf(SIM_ID_OF[provider.id]!));
    }
    const quoting = providers.filter((provider) => provider.declaration.capabilities.includes('price'));
    expect(quoting.map((provider) => provider.id)).to.have.members(SYMBOL_PROVIDER_IDS);
  });

  describe('valid answers', () => {
    for (const id of PROVIDER_IDS) {
      it(`${id} answers every capability it declares`, async () => {
        const provider = gateway.provider(id);
        for (const capability of provider.declaration.capabilities) await expectValidAnswers(provider, capability);
        const stats = gateway.simulator.stats();
        const simId = SIM_ID_OF[id]!;
        expect(stats.calls[simId], 'calls reached the simulator').to.be.greaterThan(0);
        expect(Object.keys(stats.statuses[simId]), 'every upstream answer was a 200').to.deep.equal(['200']);
      });
    }

    it(`quotes BTC within ${MAX_PRICE_SPREAD_PERCENT} % of the median across every price provider`, async () => {
      const quoting = gateway.providers().filter((provider) => provider.declaration.capabilities.includes('price'));
      const quotes = await Promise.all(quoting.map(async (provider) => ({ id: provider.id, price: (await provider.fetch('price', { symbol: 'BTC' }, context())).price })));
      const sorted = quotes.map((quote) => quote.price).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      for (const quote of quotes) {
        expect(Math.abs(quote.price - median) / median * 100, `${quote.id} BTC ${quote.price} vs median ${median}`).to.be.at.most(MAX_PRICE_SPREAD_PERCENT);
      }
    });
  });

  describe('injected faults become typed ProviderErrors', () => {
    for (const id of PROVIDER_IDS) {
      for (const fault of FAULT_CASES.filter((candidate) => candidate.pricesOnly !== true || SYMBOL_PROVIDER_IDS.includes(id))) {
        it(`${id}: ${fault.name} → ${fault.kind}`, async () => {
          const simId = SIM_ID_OF[id]!;
          gateway.simulator.setFaults({ [simId]: fault.faults });
          const calls = fault.calls ?? 1;
          for (let call = 0; call < calls; call += 1) {
            const error = await providerErrorOf(probe(gateway.provider(id), AbortSignal.timeout(fault.timeoutMs)));
            expect(error.kind, error.message).to.equal(fault.kind);
            expect(error.providerId).to.equal(id);
            if (fault.kind === 'rate_limited') {
              expect(error.upstreamStatus).to.equal(429);
              expect(error.retryAfterMs, 'Retry-After is passed on').to.be.within(SIM_RETRY_AFTER_MS.min, SIM_RETRY_AFTER_MS.max);
            }
            if (fault.faults.errorRate !== undefined) expect(error.upstreamStatus).to.equal(500);
          }
          expect(gateway.simulator.stats().calls[simId], 'one upstream request per call, no retry by the provider').to.equal(calls);
        });
      }
    }

    for (const id of SYMBOL_PROVIDER_IDS) {
      it(`${id}: an id the upstream does not list → unknown_symbol for each capability`, async () => {
        const provider = gateway.provider(id);
        const calls: Record<string, () => Promise<unknown>> = {
          price: () => provider.fetch('price', { symbol: 'ZZZ' }, context()),
          ticker: () => provider.fetch('ticker', { symbol: 'ZZZ' }, context()),
          ohlcv: () => provider.fetch('ohlcv', { symbol: 'ZZZ', interval: '1d', limit: CANDLE_LIMIT }, context()),
        };
        for (const capability of provider.declaration.capabilities) {
          const error = await providerErrorOf(calls[capability]!());
          expect(error.kind, `${capability}: ${error.message}`).to.equal('unknown_symbol');
        }
        expect(gateway.simulator.stats().symbols[SIM_ID_OF[id]!], 'the upstream was asked').to.have.property(UNLISTED_IDS[id]!);
      });
    }
  });

  describe(`a provider declared only in config (http-json "${CONFIG_PROVIDER}")`, () => {
    it('is built by the kernel with the http-json defaults and answers a price', async () => {
      const provider = gateway.provider(CONFIG_PROVIDER);
      expect(provider.declaration).to.include({ name: CONFIG_PROVIDER_NAME, weight: 10, priority: 8 });
      expect(provider.declaration.capabilities).to.deep.equal(['price']);
      expectPriceQuote(await provider.fetch('price', { symbol: 'BTC' }, context()), 'BTC');
    });

    it(`is served by the smart router over HTTP among the built-in providers (${HTTP_PRICE_REQUESTS} requests)`, async () => {
      const gatewayUrl = await gateway.start();
      const names = new Set(gateway.providers().map((provider) => provider.declaration.name));
      const sources: string[] = [];
      for (let request = 0; request < HTTP_PRICE_REQUESTS; request += 1) {
        const response = await fetch(`${gatewayUrl}/api/market/price?symbol=BTC`, { signal: context().signal });
        const body = (await response.json()) as { symbol: string; price: number; timestamp: number; source: string };
        expect(response.status, JSON.stringify(body)).to.equal(200);
        expectPriceQuote(body, 'BTC');
        expect([...names], `source of answer ${request}`).to.include(body.source);
        sources.push(body.source);
      }
      expect(sources).to.include(CONFIG_PROVIDER_NAME);
      expect(gateway.simulator.stats().calls.generic, 'SimEx answers came from its upstream').to.be.greaterThan(0);
    });
  });

  /** Asks one capability for a few symbols (and, for candles, every interval) and checks each answer. */
  async function expectValidAnswers(provider: MarketProvider, capability: Capability): Promise<void> {
    switch (capability) {
      case 'price':
        for (const symbol of SYMBOLS) expectPriceQuote(await provider.fetch('price', { symbol }, context()), symbol);
        return;
      case 'ticker':
        for (const symbol of SYMBOLS) expectTicker(await provider.fetch('ticker', { symbol }, context()), symbol);
        return;
      case 'ohlcv':
        for (const interval of INTERVALS) await expectCandlesOrUnsupported(provider, 'BTC', interval);
        await expectCandlesOrUnsupported(provider, 'ETH', '1d');
        return;
      case 'fear-greed':
        expectFearGreed(await provider.fetch('fear-greed', {}, context()));
        return;
      case 'gas':
        expectGasPrices(await provider.fetch('gas', {}, context()));
        return;
    }
  }

  async function expectCandlesOrUnsupported(provider: MarketProvider, symbol: string, interval: Interval): Promise<void> {
    const call = provider.fetch('ohlcv', { symbol, interval, limit: CANDLE_LIMIT }, context());
    if ((UNSUPPORTED_INTERVALS[provider.id] ?? []).includes(interval)) {
      expect((await providerErrorOf(call)).kind, `${provider.id} ${interval}`).to.equal('unsupported');
      return;
    }
    const series = await call;
    expectCandles(series, symbol, interval, CANDLE_LIMIT);
    expectPositivePrice(series.candles.at(-1)![4], `${provider.id} ${symbol} ${interval} last close`);
  }
});
