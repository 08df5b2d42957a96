import { expect } from 'chai';
import { ResponseCache } from '../../core/cache/response-cache.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { silentLogger } from '../helpers/test-app.js';

/** Price providers with short (binance, coinbase, kraken) and long (coincap 60 s, coingecko 300 s) price TTLs. */
const PRICE_PROVIDERS = ['binance', 'coinbase', 'kraken', 'coincap', 'coingecko'] as const;
const WRONG_PRICE_EVERYWHERE = Object.fromEntries(PRICE_PROVIDERS.map((id) => [id, { wrongPriceRate: 1 }]));
/** Cheap enough that ×1000 still passes every provider's absurd-price bound. */
const DOGE = { symbol: 'DOGE', quote: 'USD' };

interface PriceAnswer {
  status: number;
  price: number;
  cached: boolean;
  stale: boolean;
  sources: unknown[];
}

async function get(gateway: SimulatedGateway, path: string): Promise<PriceAnswer> {
  const response = await fetch(`${gateway.gatewayUrl}${path}`);
  const body = (await response.json()) as { price?: number; cached?: boolean; stale?: boolean; sources?: unknown[] };
  return { status: response.status, price: body.price ?? Number.NaN, cached: body.cached === true, stale: body.stale === true, sources: body.sources ?? [] };
}

/** Within 10 % of the market price the gateway answered before the fault (a ×1000 answer is far outside). */
function isRight(price: number, market: number): boolean {
  return Math.abs(price - market) / market < 0.1;
}

/** Every price provider answers ×1000, then heals: what the gateway serves after the evidence changed. */
describe('Poisoned cache: every price provider answering ×1000 for a while, then healed', function () {
  this.timeout(90_000);
  let gateway: SimulatedGateway;
  let market: number;

  beforeEach(async () => {
    gateway = await createSimulatedGateway({
      config: { server: { port: 0, host: '127.0.0.1' }, plugins: [...PRICE_PROVIDERS, 'market-api'], markets: { discovery: false } },
      logger: silentLogger,
      simulator: { seed: 13 },
    });
    await gateway.start();
    // A ticker first: the gateway knows the market price (a last good price), its price cache is still empty.
    const before = await get(gateway, '/api/market/ticker?symbol=DOGE');
    expect(before.status).to.equal(200);
    market = before.price;
    gateway.simulator.setFaults(WRONG_PRICE_EVERYWHERE);
    // Every provider is asked and agrees on the wrong price: it is served (several independent providers agree) and cached.
    const during = await get(gateway, '/api/market/price?symbol=DOGE&mode=consensus');
    expect(during.status).to.equal(200);
    expect(isRight(during.price, market), 'the wrong price agreed on by every provider').to.equal(false);
    expect(during.sources.length, 'independent providers agreeing on the jump').to.be.at.least(2);
    const cache = gateway.app.kernel.container.get(ResponseCache);
    for (const id of ['coincap', 'coingecko']) {
      expect(isRight(cache.held(gateway.provider(id), 'price', DOGE)?.data.price ?? market, market), `${id} holds the wrong price`).to.equal(false);
    }
    gateway.simulator.setFaults({ reset: true });
  });
  afterEach(() => gateway.stop());

  it('serves no wrong price once healed providers agree on the market price (tickers first), and drops the wrong entries', async () => {
    const ticker = await get(gateway, '/api/market/ticker?symbol=DOGE');
    expect(ticker.status).to.equal(200);
    expect(isRight(ticker.price, market), `ticker ${ticker.price} vs ${market}`).to.equal(true);
    const cache = gateway.app.kernel.container.get(ResponseCache);
    for (const id of PRICE_PROVIDERS) {
      const held = cache.held(gateway.provider(id), 'price', DOGE);
      if (held !== undefined) expect(isRight(held.data.price, market), `${id} cached ${held.data.price}`).to.equal(true);
    }
    for (let index = 0; index < 40; index += 1) {
      const answer = await get(gateway, '/api/market/price?symbol=DOGE');
      expect(answer.status).to.equal(200);
      expect(isRight(answer.price, market), `price ${answer.price} vs ${market} (request ${index})`).to.equal(true);
    }
  });

  it('serves no wrong price after the first fresh verified price, with price requests alone', async () => {
    const answers: PriceAnswer[] = [];
    const until = Date.now() + 40_000;
    let evidenceAt: number | undefined;
    while (Date.now() < until && (evidenceAt === undefined || answers.length < evidenceAt + 60)) {
      const answer = await get(gateway, '/api/market/price?symbol=DOGE');
      answers.push(answer);
      if (evidenceAt === undefined && answer.status === 200 && !answer.cached && isRight(answer.price, market)) evidenceAt = answers.length - 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(evidenceAt, 'a fresh verified price within 40 s of healing (the short TTLs are 10 s)').to.not.equal(undefined);
    const after = answers.slice(evidenceAt);
    const wrong = after.filter((answer) => answer.status === 200 && !isRight(answer.price, market));
    expect(wrong.map((answer) => answer.price), 'wrong prices served after the evidence changed').to.deep.equal([]);
    expect(after.every((answer) => answer.status === 200)).to.equal(true);
  });
});
