import { expect } from 'chai';
import { CachedRoute } from '../../../../core/router/cached-route.js';
import { RouterStats } from '../../../../core/stats/router-stats.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../../../simulator/simulated-gateway.js';
import { silentLogger } from '../../../helpers/test-app.js';

/** Headers that differ between any two answers whoever writes them. */
const PER_ANSWER = new Set(['x-request-id', 'date']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The market API with one price and ticker provider (so consecutive answers come from one cache
 * entry) against the simulator, counting the answers the cache-hit lane gave.
 */
describe('MarketFastLane: cached prices and tickers answered before Koa', function () {
  this.timeout(60_000);
  let gateway: SimulatedGateway;
  let laneAnswers = 0;

  before(async () => {
    gateway = await createSimulatedGateway({
      config: { server: { port: 0, host: '127.0.0.1' }, plugins: ['binance', 'market-api'], markets: { discovery: false } },
      logger: silentLogger,
      simulator: { seed: 7 },
    });
    const cached = gateway.app.kernel.container.get<CachedRoute>(CachedRoute);
    const serve = cached.serve.bind(cached);
    cached.serve = (capability, query) => {
      const answer = serve(capability, query);
      if (answer !== undefined) laneAnswers += 1;
      return answer;
    };
    await gateway.start();
  });
  after(() => gateway.stop());

  async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${gateway.gatewayUrl}${path}`, { headers });
    const all: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!PER_ANSWER.has(name)) all[name] = value;
    });
    return { status: response.status, headers: all, body: await response.text() };
  }

  /** The same request answered by the lane and, spelt in a way the lane leaves to Koa (its last letter percent-encoded), by the full route. */
  async function bothLanes(path: string, headers: Record<string, string> = {}): Promise<{ fast: Answer; full: Answer; fromLane: number }> {
    await get(path);
    const before = laneAnswers;
    const fast = await get(path, headers);
    const fromLane = laneAnswers - before;
    const full = await get(`${path.slice(0, -1)}%${path.charCodeAt(path.length - 1).toString(16).toUpperCase()}`, headers);
    expect(laneAnswers - before - fromLane, 'the full route answered the second').to.equal(0);
    return { fast, full, fromLane };
  }

  /**
   * The two answers' headers are the same but for `Cache-Control`: the full route answered a
   * moment later, so its whole seconds of freshness left are the lane's or, across a second's
   * boundary, one fewer.
   */
  function expectSameHeaders(fast: Answer, full: Answer): void {
    const { 'cache-control': fastCaching, ...fastRest } = fast.headers;
    const { 'cache-control': fullCaching, ...fullRest } = full.headers;
    expect(fastRest).to.deep.equal(fullRest);
    const fastAge = Number(/^max-age=(\d+)$/.exec(fastCaching ?? '')?.[1]);
    expect(Number(/^max-age=(\d+)$/.exec(fullCaching ?? '')?.[1]), `the full route's ${fullCaching} against the lane's ${fastCaching}`).to.be.oneOf([fastAge, fastAge - 1]);
  }

  for (const path of ['/api/market/price?symbol=BTC', '/api/market/ticker?symbol=ETH']) {
    it(`answers ${path} from the cache with the full route's very body and headers`, async () => {
      const ticker = path.includes('ticker');
      const { fast, full, fromLane } = await bothLanes(ticker ? path : `${path}&quote=USD`);
      expect(fromLane, 'the lane answered the first').to.equal(1);
      expect(fast.status).to.equal(200);
      expect(fast.body).to.equal(full.body);
      expectSameHeaders(fast, full);
      expect(JSON.parse(fast.body)).to.include({ cached: true, source: 'Binance' });
      expect(fast.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(fast.headers['x-content-type-options']).to.equal('nosniff');
      expect(fast.headers.vary).to.equal('Origin');
      expect(fast.headers.etag).to.match(/^"[\w-]{27}"$/);
      const maxAge = Number(/^max-age=(\d+)$/.exec(fast.headers['cache-control'] ?? '')?.[1]);
      expect(maxAge, 'seconds of freshness left, within the TTL').to.be.within(0, ticker ? 15 : 10);
    });
  }

  it('answers 304 without a body when If-None-Match names the ETag, the lane as the full route', async () => {
    const { etag } = (await get('/api/market/price?symbol=BTC')).headers;
    const { fast, full, fromLane } = await bothLanes('/api/market/price?symbol=BTC', { 'If-None-Match': etag! });
    expect(fromLane).to.equal(1);
    expect([fast.status, full.status]).to.deep.equal([304, 304]);
    expect([fast.body, full.body]).to.deep.equal(['', '']);
    expectSameHeaders(fast, full);
    expect(fast.headers.etag).to.equal(etag);
    expect(fast.headers['content-type'], 'a 304 carries no body type').to.equal(undefined);
    const other = await get('/api/market/price?symbol=BTC', { 'If-None-Match': '"something-else"' });
    expect(other.status).to.equal(200);
  });

  it('counts every cache hit it serves as the full route does', async () => {
    const stats = gateway.app.kernel.container.get<RouterStats>(RouterStats);
    await get('/api/market/price?symbol=SOL');
    const before = (await stats.counters()).providers.binance!;
    const beforeLane = laneAnswers;
    for (let index = 0; index < 5; index += 1) expect((await get('/api/market/price?symbol=SOL')).status).to.equal(200);
    const after = (await stats.counters()).providers.binance!;
    expect(laneAnswers - beforeLane).to.equal(5);
    expect({ hits: after.cacheHits - before.cacheHits, served: after.served - before.served, chosen: after.requests - before.requests }).to.deep.equal({ hits: 5, served: 5, chosen: 5 });
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    await get('/api/market/price?symbol=BTC');
    const kept = await fetch(`${gateway.gatewayUrl}/api/market/price?symbol=BTC`, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(kept.headers.get('x-request-id')).to.equal('trace-42');
    const replaced = await fetch(`${gateway.gatewayUrl}/api/market/price?symbol=BTC`, { headers: { 'X-Request-Id': 'bad id!' } });
    expect(replaced.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('leaves a miss, another notation and an Origin to Koa, which answers them as before', async () => {
    const before = laneAnswers;
    const miss = await get('/api/market/price?symbol=DOGE');
    expect(miss.status).to.equal(200);
    expect(JSON.parse(miss.body)).to.include({ cached: false });
    expect((await get('/api/market/price?symbol=DOGE-USD')).status).to.equal(200);
    const cors = await fetch(`${gateway.gatewayUrl}/api/market/price?symbol=DOGE`, { headers: { Origin: 'http://elsewhere.example' } });
    expect(cors.status).to.equal(200);
    expect(laneAnswers - before, 'DOGE-USD is another notation, the miss and the Origin go to Koa').to.equal(0);
  });

  it('marks errors no-store', async () => {
    const unknown = await get('/api/market/price?symbol=NOPE42');
    expect(unknown.status).to.equal(404);
    expect(unknown.headers['cache-control']).to.equal('no-store');
    const bad = await get('/api/market/ticker?symbol=B%20C');
    expect(bad.status).to.equal(400);
    expect(bad.headers['cache-control']).to.equal('no-store');
  });
});
