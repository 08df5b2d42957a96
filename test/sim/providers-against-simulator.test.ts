import { expect } from 'chai';
import type { Capability, CapabilityQuery } from '../../core/providers/capability.js';
import type { Plugin } from '../../core/kernel/plugin.js';
import type { MarketProvider } from '../../core/providers/market-provider.js';
import { builtinPlugins } from '../../plugins/builtin-plugins.js';
import { fetchContext, loadProvider, loadProviders, providerErrorOf } from '../helpers/aggregator-harness.js';
import { ManualClock } from '../simulator/sim-clock.js';
import type { SimProviderId } from '../simulator/sim-provider-id.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../simulator/upstream-simulator.js';

const BUILT_IN: readonly SimProviderId[] = ['binance', 'kraken', 'coinbase', 'bitstamp', 'gemini', 'cryptocompare', 'coingecko', 'coincap', 'alternative-me', 'etherscan'];
const KEYS = { COINCAP_API_KEY: 'sim-key', ETHERSCAN_API_KEY: 'sim-key' };

const QUERIES: { [C in Capability]: CapabilityQuery<C> } = {
  price: { symbol: 'BTC' },
  ticker: { symbol: 'ETH' },
  ohlcv: { symbol: 'BTC', interval: '1h', limit: 24 },
  'fear-greed': {},
  gas: {},
};

function queryFor<C extends Capability>(capability: C): CapabilityQuery<C> {
  return QUERIES[capability];
}

async function pluginNamed(name: string): Promise<Plugin> {
  const load = builtinPlugins[name];
  if (load === undefined) throw new Error(`no built-in plugin ${name}`);
  return load();
}

// The provider plugins pointed at the simulator: what `npm run demo` and the benchmarks rely on.
describe('built-in providers against the upstream simulator', () => {
  let sim: UpstreamSimulator;

  before(async () => {
    // The simulated market is anchored to a fixed instant in the recent past, so provider sanity checks on timestamps pass.
    sim = await startUpstreamSimulator({ seed: 9, clock: new ManualClock(Date.now() - 60_000), rateLimits: false });
  });
  after(async () => sim.close());

  for (const id of BUILT_IN) {
    it(`${id}: answers every declared capability through the real adapter`, async () => {
      const provider: MarketProvider = loadProvider(await pluginNamed(id), { baseUrl: sim.baseUrlOf(id) }, KEYS);
      expect(provider.disabledReason).to.equal(null);
      for (const capability of provider.declaration.capabilities) {
        const result = await provider.fetch(capability, queryFor(capability), fetchContext());
        expect(result, `${id} ${capability}`).to.be.an('object');
        if (capability === 'price') expect((result as { price: number }).price).to.be.within(10_000, 1_000_000);
        if (capability === 'ohlcv') expect((result as { candles: unknown[] }).candles.length).to.be.greaterThan(0);
      }
      expect(sim.stats().calls[id]).to.be.greaterThan(0);
    });
  }

  it('an unknown symbol reaches every symbol adapter as unknown_symbol', async () => {
    for (const id of BUILT_IN.filter((provider) => !['alternative-me', 'etherscan'].includes(provider))) {
      const provider = loadProvider(await pluginNamed(id), { baseUrl: sim.baseUrlOf(id), symbols: { NOPE: id === 'kraken' ? 'NOPEUSD' : 'nope' } }, KEYS);
      const error = await providerErrorOf(provider.fetch('price', { symbol: 'NOPE' }, fetchContext()));
      expect(error.kind, `${id}: ${error.message}`).to.equal('unknown_symbol');
    }
  });

  it('http-json: a config-declared provider reads the generic endpoints', async () => {
    const [provider] = loadProviders(await pluginNamed('http-json'), {
      providers: {
        simjson: {
          type: 'http-json',
          baseUrl: sim.baseUrlOf('generic'),
          symbols: { BTC: 'BTC', ETH: 'ETH' },
          endpoints: {
            price: { path: '/api/v1/ticker/{symbol}', pricePointer: '/data/last', timestampPointer: '/data/ts' },
            ticker: { path: '/api/v1/stats/{symbol}', pricePointer: '/data/last', highPointer: '/data/high', lowPointer: '/data/low', volumePointer: '/data/volume', changePercentPointer: '/data/changePercent', timestampPointer: '/data/ts' },
          },
        },
      },
    });
    const price = await provider!.fetch('price', { symbol: 'BTC' }, fetchContext());
    expect(price.price).to.be.within(10_000, 1_000_000);
    const ticker = await provider!.fetch('ticker', { symbol: 'ETH' }, fetchContext());
    expect(ticker.price).to.be.within(ticker.low24h, ticker.high24h);
  });
});
