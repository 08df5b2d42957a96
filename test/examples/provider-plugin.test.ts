import { expect } from 'chai';
import { startUpstreamSimulator, type UpstreamSimulator } from '../../simulator/upstream-simulator.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface PriceAnswer {
  symbol: string;
  price: number;
  source: string;
}

/** The gateway with the example package as its only provider, pointed at the simulator's generic API. */
function gatewayWith(entry: Record<string, unknown>, simulator: UpstreamSimulator): Promise<TestApp> {
  return startTestApp({
    config: { plugins: [entry, 'market-api'], providers: { 'example-exchange': { baseUrl: simulator.baseUrlOf('generic') } } },
  });
}

describe('examples/provider-plugin (a third-party provider package)', () => {
  let simulator: UpstreamSimulator;

  before(async () => {
    simulator = await startUpstreamSimulator({ seed: 3 });
  });

  after(() => simulator.close());

  for (const [how, entry] of [
    ['by package name', { package: 'crypto-datasource-example-provider' }],
    ['by path', { path: 'examples/provider-plugin/index.ts' }],
  ] as const) {
    it(`loads ${how} through config and serves prices and tickers from its upstream`, async () => {
      const gateway = await gatewayWith(entry, simulator);
      try {
        const price = await fetch(`${gateway.baseUrl}/api/market/price?symbol=eth`);
        expect(price.status).to.equal(200);
        const body = (await price.json()) as PriceAnswer;
        expect(body).to.include({ symbol: 'ETH', source: 'Example Exchange' });
        expect(body.price).to.be.greaterThan(0);
        const ticker = await fetch(`${gateway.baseUrl}/api/market/ticker?symbol=BTC`);
        expect(ticker.status).to.equal(200);
        expect(await ticker.json()).to.include({ symbol: 'BTC', source: 'Example Exchange' });
        expect(simulator.stats().calls.generic).to.be.greaterThan(0);
      } finally {
        await gateway.stop();
      }
    });
  }

  it('answers 404 for a symbol its upstream does not know, naming it', async () => {
    const gateway = await gatewayWith({ path: 'examples/provider-plugin/index.ts' }, simulator);
    try {
      const response = await fetch(`${gateway.baseUrl}/api/market/price?symbol=ZZZ`);
      expect(response.status).to.equal(404);
      expect(((await response.json()) as { error: { code: string; message: string } }).error.message).to.contain('ZZZ');
    } finally {
      await gateway.stop();
    }
  });
});
