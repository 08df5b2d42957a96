import { expect } from 'chai';
import { DEFAULT_TICKERS } from '../../core/providers/default-tickers.js';
import { RouterStatus } from '../../core/stats/router-status.js';
import { useSimulatedGateway } from '../helpers/use-simulated-gateway.js';

interface PriceBody {
  symbol: string;
  price: number;
  source: string;
  cached: boolean;
  stale?: boolean;
}

/** Sends `count` price (or ticker) requests over the symbols, `concurrency` at a time; returns status and body of each. */
async function load(
  baseUrl: string,
  count: number,
  concurrency: number,
  onProgress?: (done: number) => void,
  endpoint: 'price' | 'ticker' = 'price',
): Promise<Array<{ status: number; body: PriceBody }>> {
  const symbols = DEFAULT_TICKERS;
  const results: Array<{ status: number; body: PriceBody }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const symbol = symbols[next % symbols.length]!;
      next += 1;
      const response = await fetch(`${baseUrl}/api/market/${endpoint}?symbol=${symbol}`);
      results.push({ status: response.status, body: (await response.json()) as PriceBody });
      onProgress?.(results.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Every price within `percent` of the median price answered for its symbol. */
function assertNoWrongPrice(results: Array<{ status: number; body: PriceBody }>, percent: number): void {
  const bySymbol = new Map<string, number[]>();
  for (const { status, body } of results) if (status === 200) bySymbol.set(body.symbol, [...(bySymbol.get(body.symbol) ?? []), body.price]);
  for (const [symbol, prices] of bySymbol) {
    const sorted = [...prices].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    for (const price of prices) expect(Math.abs(price - median) / median, `${symbol} ${price} vs ${median}`).to.be.below(percent / 100);
  }
}

describe('Gateway against the simulator (npm run demo setup)', function () {
  this.timeout(120_000);
  const demo = useSimulatedGateway({ port: 0, env: { LOG_LEVEL: 'silent' } });
  afterEach(() => demo().simulator.reset());

  it('answers every market endpoint, offline, with the config-declared http-json provider among the sources', async () => {
    const get = async (path: string): Promise<Record<string, unknown>> => {
      const response = await fetch(`${demo().gatewayUrl}${path}`);
      expect(response.status, path).to.equal(200);
      return (await response.json()) as Record<string, unknown>;
    };
    expect(await get('/api/market/ticker?symbol=ETH')).to.include({ symbol: 'ETH' });
    expect(((await get('/api/market/ohlcv?symbol=BTC&interval=1h&limit=5')).candles as unknown[]).length).to.be.within(1, 5);
    expect((await get('/api/market/fear-greed')).value).to.be.within(0, 100);
    expect(await get('/api/market/gas')).to.include({ source: 'Etherscan' });
    const consensus = await get('/api/market/price?symbol=BTC&mode=consensus');
    expect((consensus.sources as unknown[]).length).to.be.at.least(2);
    const sources = new Set<string>();
    for (let index = 0; index < 40; index += 1) sources.add(String((await get('/api/market/price?symbol=BTC')).source));
    expect(sources).to.include('Demo Exchange (http-json)');
    expect(sources.size).to.be.at.least(5);
  });

  it('sends no 5xx and no wrong price while faults hit most providers under load', async () => {
    demo().simulator.setFaults({ coinbase: { status429Rate: 1 }, kraken: { wrongPriceRate: 1 } });
    const results = await load(demo().gatewayUrl, 400, 10, (done) => {
      // More faults while the load runs.
      if (done === 100) demo().simulator.setFaults({ binance: { errorRate: 1 }, bitstamp: { resetRate: 1 }, gemini: { garbageRate: 1 } });
    });
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status >= 500), 'no 5xx while a provider is healthy').to.deep.equal([]);
    expect(statuses.every((status) => status === 200)).to.equal(true);
    assertNoWrongPrice(results, 5);
    const status = await demo().app.kernel.container.get(RouterStatus).snapshot();
    const byId = Object.fromEntries(status.providers.map((provider) => [provider.id, provider]));
    expect(byId.coinbase!.failuresByKind.rate_limited, 'coinbase 429s counted').to.be.greaterThan(0);
    expect(demo().simulator.stats().status429.coinbase).to.be.greaterThan(0);
    if ((demo().simulator.stats().calls.kraken ?? 0) > 0) expect(byId.kraken!.failuresByKind.insane_value, 'kraken wrong prices rejected').to.be.greaterThan(0);
  });

  it('keeps serving, within bounds, while a provider stops answering in time', async () => {
    demo().simulator.setFaults({ binance: { timeoutRate: 1 }, coinbase: { latencyMs: 1_500 } });
    // Tickers: not cached yet, so the slow and silent providers are really asked.
    const results = await load(demo().gatewayUrl, 60, 5, undefined, 'ticker');
    expect(results.filter((result) => result.status >= 500)).to.deep.equal([]);
    assertNoWrongPrice(results, 5);
  });
});
