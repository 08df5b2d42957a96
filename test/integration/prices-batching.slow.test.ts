import { expect } from 'chai';
import { KNOWN_ASSETS } from '../../simulator/known-assets.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import type { SimProviderId } from '../../simulator/sim-provider-id.js';
import { simulatorSymbolMaps } from '../helpers/simulator-symbol-maps.js';
import { silentLogger } from '../helpers/test-app.js';

const MARKET_PROVIDERS = ['binance', 'coinbase', 'kraken', 'bitstamp', 'gemini', 'cryptocompare', 'coincap', 'coingecko'] as const;
const SYMBOLS = KNOWN_ASSETS.slice(0, 100).map((asset) => asset.symbol);

interface PricesBody {
  prices: { symbol: string; price: number; source: string; cached: boolean }[];
  errors: { symbol: string; error: { code: string } }[];
}

/** A gateway over the simulator serving the simulator's first 100 assets from `providers` (every market provider by default). */
function gateway(providers: readonly string[] = MARKET_PROVIDERS): Promise<SimulatedGateway> {
  const maps = Object.entries(simulatorSymbolMaps(SYMBOLS)).filter(([id]) => providers.includes(id));
  return createSimulatedGateway({
    config: { server: { port: 0, host: '127.0.0.1' }, plugins: [...providers, 'market-api'], providers: Object.fromEntries(maps) },
    logger: silentLogger,
    simulator: { seed: 11 },
  });
}

function upstreamCalls(demo: SimulatedGateway): Partial<Record<SimProviderId, number>> {
  const { calls } = demo.simulator.stats();
  return Object.fromEntries(Object.entries(calls).filter(([, count]) => count > 0));
}

function total(calls: Partial<Record<SimProviderId, number>>): number {
  return Object.values(calls).reduce((sum, count) => sum + count, 0);
}

/** Calls CryptoCompare needs for `symbols`: its `fsyms` is documented as at most 300 characters. */
function cryptoCompareCalls(symbols: readonly string[]): number {
  let calls = 1;
  let length = 0;
  for (const symbol of symbols) {
    const grown = length === 0 ? symbol.length : length + 1 + symbol.length;
    if (grown > 300) {
      calls += 1;
      length = symbol.length;
    } else length = grown;
  }
  return calls;
}

describe('/prices batching, counted at the simulator', function () {
  this.timeout(60_000);

  it('answers 100 symbols cold with at most one upstream call per provider used (CryptoCompare split by its 300-character limit)', async () => {
    const demo = await gateway();
    try {
      await demo.start();
      // Counted from here: the market listings fetched at start are not what is measured.
      demo.simulator.reset();
      expect(SYMBOLS).to.have.length(100);
      const response = await fetch(`${demo.gatewayUrl}/api/market/prices?symbols=${SYMBOLS.join(',')}`);
      const body = (await response.json()) as PricesBody;
      expect(response.status).to.equal(200);
      expect(body.errors).to.deep.equal([]);
      expect(body.prices.map((price) => price.symbol)).to.deep.equal(SYMBOLS);
      const calls = upstreamCalls(demo);
      for (const [id, count] of Object.entries(calls)) expect(count, `${id} calls`).to.be.at.most(id === 'cryptocompare' ? cryptoCompareCalls(SYMBOLS) : 1);
      expect(calls.coinbase ?? 0, 'Coinbase has no batch endpoint: it is not asked while batching providers answer').to.equal(0);
      // Cold, no symbol has a reference price: each first quote waits for a second provider's opinion.
      expect(Object.keys(calls).length, `providers asked: ${JSON.stringify(calls)}`).to.be.within(2, 3);
      console.log(`      cold /prices for 100 symbols: ${total(calls)} upstream calls ${JSON.stringify(calls)}`);
    } finally {
      await demo.stop();
    }
  });

  it('caches each symbol separately: a later single /price of any of them is a cache hit, without an upstream call', async () => {
    // Two providers, so both answer the cold batch (a quote and its second opinion) and whichever the rotation picks next has it cached.
    const demo = await gateway(['binance', 'kraken']);
    try {
      await demo.start();
      // Counted from here: the market listings fetched at start are not what is measured.
      demo.simulator.reset();
      await fetch(`${demo.gatewayUrl}/api/market/prices?symbols=${SYMBOLS.join(',')}`);
      const before = total(upstreamCalls(demo));
      for (const symbol of ['BTC', 'MKR', SYMBOLS[99]!]) {
        const answer = (await (await fetch(`${demo.gatewayUrl}/api/market/price?symbol=${symbol}`)).json()) as { symbol: string; cached: boolean };
        expect(answer, symbol).to.include({ symbol, cached: true });
      }
      expect(total(upstreamCalls(demo))).to.equal(before);
    } finally {
      await demo.stop();
    }
  });

  it('costs far less than asking for each symbol on its own, as /prices did before batching', async () => {
    const demo = await gateway();
    try {
      await demo.start();
      // Counted from here: the market listings fetched at start are not what is measured.
      demo.simulator.reset();
      const settled = await Promise.all(SYMBOLS.map((symbol) => fetch(`${demo.gatewayUrl}/api/market/price?symbol=${symbol}`).then((response) => response.status)));
      const single = total(upstreamCalls(demo));
      console.log(`      cold, one /price per symbol (the old /prices): ${single} upstream calls, ${settled.filter((status) => status === 200).length} of 100 answered`);
      expect(single).to.be.greaterThan(20);
    } finally {
      await demo.stop();
    }
  });
});
