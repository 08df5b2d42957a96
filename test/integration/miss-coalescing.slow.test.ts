import { expect } from 'chai';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { silentLogger } from '../helpers/test-app.js';

const MARKET_PROVIDERS = ['binance', 'coinbase', 'kraken', 'bitstamp', 'gemini', 'cryptocompare', 'coincap', 'coingecko'] as const;

interface PriceBody {
  price: number;
  cached: boolean;
}

/** Upstream calls that asked for a symbol (price calls; not, say, a market listing a provider loads on its own). */
function priceCalls(demo: SimulatedGateway): number {
  return Object.values(demo.simulator.stats().symbols)
    .flatMap((bySymbol) => Object.values(bySymbol))
    .reduce((sum, count) => sum + count, 0);
}

async function burst(demo: SimulatedGateway, size: number): Promise<PriceBody[]> {
  const responses = await Promise.all(Array.from({ length: size }, () => fetch(`${demo.gatewayUrl}/api/market/price?symbol=BTC`)));
  expect(responses.map((response) => response.status)).to.deep.equal(Array.from({ length: size }, () => 200));
  return Promise.all(responses.map(async (response) => (await response.json()) as PriceBody));
}

describe('a burst of identical uncached price requests, counted at the simulator', function () {
  this.timeout(60_000);

  it('costs one upstream call plus the second opinion a cold symbol needs, then one call once the reference is known', async () => {
    // Nothing is cached (TTL 0), so every burst is uncached; the reference price from the first one stays.
    // The upstreams take 2.5 s (timeouts raised to match), so the whole burst arrives while the first call is out.
    const providers = Object.fromEntries(MARKET_PROVIDERS.map((id) => [id, { cacheTtlMs: { price: 0 }, resilience: { timeoutMs: 10_000 } }]));
    const demo = await createSimulatedGateway({
      config: { server: { port: 0, host: '127.0.0.1' }, plugins: [...MARKET_PROVIDERS, 'market-api'], providers, router: { deadlineMs: 20_000 } },
      logger: silentLogger,
      simulator: { seed: 7, latencyMs: 2_500 },
    });
    try {
      await demo.start();
      // Counted from here: the market listings fetched at start are not what is measured.
      demo.simulator.reset();
      const cold = await burst(demo, 1_000);
      expect(new Set(cold.map((body) => body.price)).size).to.equal(1);
      expect(priceCalls(demo)).to.equal(2);
      const warm = await burst(demo, 1_000);
      expect(warm.every((body) => body.price > 0 && !body.cached)).to.equal(true);
      expect(priceCalls(demo)).to.equal(3);
    } finally {
      await demo.stop();
    }
  });
});
