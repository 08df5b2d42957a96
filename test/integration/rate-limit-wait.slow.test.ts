import { expect } from 'chai';
import { silentLogger } from '../helpers/test-app.js';
import { useSimulatedGateway } from '../helpers/use-simulated-gateway.js';

describe('Kraken alone: its 1 s minimum interval is waited for within the deadline', function () {
  this.timeout(30_000);
  const gateway = useSimulatedGateway({ config: { server: { port: 0, host: '127.0.0.1' }, plugins: ['kraken', 'market-api'], markets: { discovery: false } }, logger: silentLogger, simulator: { seed: 5 } });

  it('answers back-to-back requests for different symbols instead of 503 Retry-After: 1', async () => {
    const statuses: number[] = [];
    for (const symbol of ['BTC', 'ETH', 'SOL']) {
      const response = await fetch(`${gateway().gatewayUrl}/api/market/ticker?symbol=${symbol}`);
      statuses.push(response.status);
      expect(((await response.json()) as { source?: string }).source).to.equal('Kraken');
    }
    expect(statuses).to.deep.equal([200, 200, 200]);
    expect(gateway().simulator.stats().calls.kraken).to.equal(3);
  });

  it('answers a /prices request right after another call through one batch call, waiting for the interval', async () => {
    const before = gateway().simulator.stats().calls.kraken ?? 0;
    expect((await fetch(`${gateway().gatewayUrl}/api/market/ticker?symbol=XRP`)).status).to.equal(200);
    const response = await fetch(`${gateway().gatewayUrl}/api/market/prices?symbols=DOGE,ADA`);
    const body = (await response.json()) as { prices: { symbol: string; source: string }[]; errors: unknown[] };
    expect(response.status).to.equal(200);
    expect(body.errors).to.deep.equal([]);
    expect(body.prices.map((price) => `${price.symbol} ${price.source}`)).to.deep.equal(['DOGE Kraken', 'ADA Kraken']);
    expect((gateway().simulator.stats().calls.kraken ?? 0) - before, 'the ticker and one batch call').to.equal(2);
  });
});
