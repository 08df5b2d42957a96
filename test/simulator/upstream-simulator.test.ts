import { expect } from 'chai';
import { upstreamFixture } from '../helpers/upstream-fixture.js';
import { ManualClock } from '../../simulator/sim-clock.js';
import { FaultsPatchError } from '../../simulator/sim-faults.js';
import { startUpstreamSimulator, type UpstreamSimulator, type UpstreamSimulatorOptions } from '../../simulator/upstream-simulator.js';
import { expectSameShape } from '../helpers/expect-same-shape.js';
import { call } from '../helpers/sim-client.js';

const BTC_PRICE = '/api/v3/ticker/price?symbol=BTCUSDT';

describe('startUpstreamSimulator', () => {
  let sim: UpstreamSimulator | undefined;
  let clock: ManualClock;

  async function start(options: UpstreamSimulatorOptions = {}): Promise<UpstreamSimulator> {
    clock = new ManualClock();
    sim = await startUpstreamSimulator({ seed: 5, clock, ...options });
    return sim;
  }

  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  describe('rate limits', () => {
    it('coingecko: answers the 31st call of a minute with 429, Retry-After and its error body, and recovers next minute', async () => {
      const s = await start();
      const url = `${s.baseUrlOf('coingecko')}/api/v3/simple/price?ids=bitcoin&vs_currencies=usd`;
      for (let i = 0; i < 30; i += 1) expect((await call(url)).status).to.equal(200);
      const limited = await call(url);
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
      expectSameShape(limited.body, upstreamFixture('coingecko.error_429').body);
      clock.advance(60_000);
      expect((await call(url)).status).to.equal(200);
      expect(s.stats().status429.coingecko).to.equal(1);
      expect(s.stats().rateLimited.coingecko).to.equal(1);
    });

    it('binance: reports used weight, answers 429 over the limit, then bans with 418 when the client keeps going', async () => {
      const s = await start({ rateLimits: { binance: { limit: 10, windowMs: 60_000 } } });
      const url = s.baseUrlOf('binance') + BTC_PRICE;
      let last = await call(url);
      expect(last.headers.get('x-mbx-used-weight-1m')).to.equal('2');
      for (let i = 0; i < 4; i += 1) last = await call(url);
      expect(last.status).to.equal(200);
      const limited = await call(url);
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('retry-after'))).to.be.greaterThan(0);
      expectSameShape(limited.body, upstreamFixture('binance.error_429_rate_limited').body);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call(url)).status);
      // Three 429s in a row, then the IP is banned.
      expect(statuses).to.deep.equal([429, 429, 418, 418]);
      clock.advance(60_000);
      const banned = await call(url);
      expect(banned.status, 'the ban outlasts the weight window').to.equal(418);
      expect(Number(banned.headers.get('retry-after'))).to.be.within(1, 60);
      expectSameShape(banned.body, upstreamFixture('binance.error_418_ip_banned').body);
      clock.advance(60_000);
      expect((await call(url)).status).to.equal(200);
    });

    it('kraken: reports its rate limit inside HTTP 200', async () => {
      const s = await start({ rateLimits: { kraken: { limit: 2, windowMs: 2000 } } });
      const url = `${s.baseUrlOf('kraken')}/0/public/Ticker?pair=XBTUSD`;
      await call(url);
      await call(url);
      const limited = await call(url);
      expect(limited.status).to.equal(200);
      expect(limited.body).to.deep.equal({ error: ['EAPI:Rate limit exceeded'] });
      clock.advance(1000);
      expect((await call(url)).body).to.have.property('result');
    });

    it('cryptocompare and etherscan: report their rate limits inside HTTP 200, like the fixtures', async () => {
      const s = await start({ rateLimits: { cryptocompare: { limit: 1, windowMs: 60_000 } } });
      const cc = `${s.baseUrlOf('cryptocompare')}/data/price?fsym=BTC&tsyms=USD`;
      await call(cc);
      const ccLimited = await call(cc);
      expect(ccLimited.status).to.equal(200);
      expectSameShape(ccLimited.body, upstreamFixture('cryptocompare.error_rate_limited').body);
      expect(ccLimited.body).to.include({ Type: 99 });
      const gas = `${s.baseUrlOf('etherscan')}/v2/api?chainid=1&module=gastracker&action=gasoracle&apikey=k`;
      for (let i = 0; i < 3; i += 1) expect((await call(gas)).body).to.include({ status: '1' });
      const gasLimited = await call(gas);
      expect(gasLimited.status).to.equal(200);
      expect(gasLimited.body).to.deep.equal(upstreamFixture('etherscan.error_rate_limited').body);
      expect(s.stats().rateLimited).to.include({ cryptocompare: 1, etherscan: 1 });
      expect(s.stats().status429).to.include({ cryptocompare: 0, etherscan: 0 });
    });

    it('rateLimits: false serves every call', async () => {
      const s = await start({ rateLimits: false });
      const url = `${s.baseUrlOf('coingecko')}/api/v3/ping`;
      for (let i = 0; i < 40; i += 1) expect((await call(url)).status).to.equal(200);
    });
  });

  describe('fault injection', () => {
    it('errorRate 1 answers 500 in the provider shape; status429Rate 1 a 429 storm with Retry-After', async () => {
      const s = await start();
      s.setFaults({ binance: { errorRate: 1 }, coingecko: { status429Rate: 1 } });
      const error = await call(s.baseUrlOf('binance') + BTC_PRICE);
      expect(error.status).to.equal(500);
      expect(error.body).to.have.property('code');
      const storm = await call(`${s.baseUrlOf('coingecko')}/api/v3/ping`);
      expect(storm.status).to.equal(429);
      expect(Number(storm.headers.get('retry-after'))).to.be.greaterThan(0);
      expectSameShape(storm.body, upstreamFixture('coingecko.error_429').body);
    });

    it('garbageRate 1 answers 200 with a body that is not JSON', async () => {
      const s = await start();
      s.setFaults({ gemini: { garbageRate: 1 } });
      for (let i = 0; i < 4; i += 1) {
        const answer = await call(`${s.baseUrlOf('gemini')}/v1/pubticker/btcusd`);
        expect(answer.status).to.equal(200);
        expect(() => JSON.parse(answer.text), answer.text).to.throw();
      }
    });

    it('inBodyErrorRate 1 answers HTTP 200 with the configured message in the provider\'s in-body error shape', async () => {
      const s = await start();
      const message = '<img src=x onerror="alert(1)">';
      s.setFaults({ kraken: { inBodyErrorRate: 1, inBodyErrorMessage: message }, cryptocompare: { inBodyErrorRate: 1 }, etherscan: { inBodyErrorRate: 1, inBodyErrorMessage: 'NOTOK here' } });
      const kraken = await call(`${s.baseUrlOf('kraken')}/Ticker?pair=XBTUSD`);
      expect(kraken.status).to.equal(200);
      expect(kraken.body).to.deep.equal({ error: [message] });
      const cryptocompare = await call(`${s.baseUrlOf('cryptocompare')}/data/price?fsym=BTC&tsyms=USD`);
      expect(cryptocompare.status).to.equal(200);
      expect(cryptocompare.body).to.include({ Response: 'Error', Message: 'Internal server error' });
      const etherscan = await call(`${s.baseUrlOf('etherscan')}/v2/api?chainid=1&module=gastracker&action=gasoracle&apikey=k`);
      expect(etherscan.body).to.deep.equal({ status: '0', message: 'NOTOK', result: 'NOTOK here' });
      s.setFaults({ binance: { inBodyErrorRate: 1 } });
      expect((await call(s.baseUrlOf('binance') + BTC_PRICE)).status, 'a provider without in-body errors is not struck').to.equal(200);
    });

    it('wrongPriceRate 1 multiplies every price of the answer by 1000', async () => {
      const s = await start();
      const url = `${s.baseUrlOf('kraken')}/0/public/Ticker?pair=XBTUSD`;
      const lastOf = (body: unknown): number => Number((body as { result: { XXBTZUSD: { c: [string] } } }).result.XXBTZUSD.c[0]);
      const right = lastOf((await call(url)).body);
      s.setFaults({ kraken: { wrongPriceRate: 1 } });
      const wrong = lastOf((await call(url)).body);
      expect(wrong / right).to.be.within(999, 1001);
    });

    it('resetRate 1 resets the connection', async () => {
      const s = await start();
      s.setFaults({ bitstamp: { resetRate: 1 } });
      let failure: unknown;
      await fetch(`${s.baseUrlOf('bitstamp')}/api/v2/ticker/btcusd/`).catch((error: unknown) => {
        failure = error;
      });
      expect(failure).to.be.instanceOf(Error);
    });

    it('timeoutRate 1 never answers, and close() still ends at once, dropping the held request', async () => {
      const s = await start();
      s.setFaults({ coincap: { timeoutRate: 1 } });
      const pending = fetch(`${s.baseUrlOf('coincap')}/v3/assets/bitcoin?apiKey=k`).then(
        () => 'answered',
        () => 'dropped',
      );
      while (s.stats().faults.coincap.timeout !== 1) await new Promise((resolve) => setImmediate(resolve));
      await s.close();
      expect(await pending).to.equal('dropped');
    });

    it('latencyMs is kept per provider, and the answer still comes', async () => {
      const s = await start();
      s.setFaults({ kraken: { latencyMs: 20 } });
      expect(s.faults()).to.deep.equal({ kraken: { latencyMs: 20 } });
      expect((await call(`${s.baseUrlOf('kraken')}/0/public/Time`)).status).to.equal(200);
    });

    it('POST /__sim/faults merges per provider, {"reset": true} clears them, and cleared faults stop striking', async () => {
      const s = await start();
      const faultsUrl = `${s.url}/__sim/faults`;
      await call(faultsUrl, { binance: { errorRate: 1 } });
      const merged = await call(faultsUrl, { binance: { latencyMs: 5 }, kraken: { wrongPriceRate: 0.5 } });
      expect(merged.body).to.deep.equal({ faults: { binance: { errorRate: 1, latencyMs: 5 }, kraken: { wrongPriceRate: 0.5 } } });
      expect((await call(s.baseUrlOf('binance') + BTC_PRICE)).status).to.equal(500);
      const cleared = await call(faultsUrl, { reset: true });
      expect(cleared.body).to.deep.equal({ faults: {} });
      expect((await call(`${s.url}/__sim/faults`)).body).to.deep.equal({ faults: {} });
      expect((await call(s.baseUrlOf('binance') + BTC_PRICE)).status).to.equal(200);
    });

    it('rejects a bad faults body with 400 naming the field, and leaves the faults unchanged', async () => {
      const s = await start();
      const faultsUrl = `${s.url}/__sim/faults`;
      const tooBig = await call(faultsUrl, { binance: { errorRate: 2 } });
      expect(tooBig.status).to.equal(400);
      expect((tooBig.body as { error: { message: string } }).error.message).to.include('binance.errorRate');
      const unknownProvider = await call(faultsUrl, { binanse: { errorRate: 1 } });
      expect(unknownProvider.status).to.equal(400);
      expect((unknownProvider.body as { error: { message: string } }).error.message).to.include('binanse');
      const unknownField = await call(faultsUrl, { kraken: { errorrate: 1 } });
      expect((unknownField.body as { error: { message: string } }).error.message).to.include('kraken.errorrate');
      const notJson = await call(faultsUrl, '{not json');
      expect(notJson.status).to.equal(400);
      expect(() => s.setFaults({ gemini: { latencyMs: -1 } })).to.throw(FaultsPatchError, 'gemini.latencyMs');
      expect(s.faults()).to.deep.equal({});
    });
  });

  describe('stats', () => {
    it('counts calls, statuses, endpoints, symbols and injected faults per provider', async () => {
      const s = await start();
      await call(s.baseUrlOf('binance') + BTC_PRICE);
      await call(`${s.baseUrlOf('binance')}/api/v3/ticker/price?symbol=NOPE`);
      await call(`${s.baseUrlOf('gemini')}/v1/pubticker/ethusd`);
      s.setFaults({ gemini: { errorRate: 1 } });
      await call(`${s.baseUrlOf('gemini')}/v1/pubticker/ethusd`);
      await call(`${s.url}/__sim/stats`);
      const stats = (await call(`${s.url}/__sim/stats`)).body as ReturnType<UpstreamSimulator['stats']>;
      expect(stats).to.deep.equal(s.stats());
      expect(stats.calls).to.include({ binance: 2, gemini: 2, kraken: 0 });
      expect(stats.statuses.binance).to.deep.equal({ '200': 1, '400': 1 });
      expect(stats.endpoints.binance).to.deep.equal({ '/api/v3/ticker/price': 2 });
      expect(stats.symbols.binance).to.deep.equal({ BTCUSDT: 1, NOPE: 1 });
      expect(stats.symbols.gemini).to.deep.equal({ ethusd: 1 });
      expect(stats.faults.gemini).to.deep.equal({ error: 1 });
      expect(stats.statuses.gemini).to.deep.equal({ '200': 1, '500': 1 });
    });

    it('reset() clears stats, faults and rate-limit state', async () => {
      const s = await start({ rateLimits: { coingecko: { limit: 1, windowMs: 60_000 } } });
      const url = `${s.baseUrlOf('coingecko')}/api/v3/ping`;
      await call(url);
      expect((await call(url)).status).to.equal(429);
      s.setFaults({ kraken: { errorRate: 1 } });
      s.reset();
      expect(s.stats().calls.coingecko).to.equal(0);
      expect(s.faults()).to.deep.equal({});
      expect((await call(url)).status).to.equal(200);
    });
  });

  describe('market', () => {
    it('is deterministic for a seed and time, and differs with another seed', async () => {
      const a = await start({ seed: 11 });
      const first = await call(a.baseUrlOf('binance') + BTC_PRICE);
      await a.close();
      const b = await start({ seed: 11 });
      expect((await call(b.baseUrlOf('binance') + BTC_PRICE)).body).to.deep.equal(first.body);
      await b.close();
      const c = await start({ seed: 12 });
      expect((await call(c.baseUrlOf('binance') + BTC_PRICE)).body).not.to.deep.equal(first.body);
    });

    it('quotes every venue a small spread apart', async () => {
      const s = await start();
      const prices = [
        Number(((await call(s.baseUrlOf('binance') + BTC_PRICE)).body as { price: string }).price),
        Number(((await call(`${s.baseUrlOf('coinbase')}/v2/prices/BTC-USD/spot`)).body as { data: { amount: string } }).data.amount),
        Number(((await call(`${s.baseUrlOf('gemini')}/v1/pubticker/btcusd`)).body as { last: string }).last),
        ((await call(`${s.baseUrlOf('cryptocompare')}/data/price?fsym=BTC&tsyms=USD`)).body as { USD: number }).USD,
        ((await call(`${s.baseUrlOf('coingecko')}/api/v3/simple/price?ids=bitcoin&vs_currencies=usd`)).body as { bitcoin: { usd: number } }).bitcoin.usd,
      ];
      const spread = (Math.max(...prices) - Math.min(...prices)) / Math.min(...prices);
      expect(spread).to.be.greaterThan(0);
      expect(spread).to.be.lessThan(0.01);
    });

    it("keeps a ticker consistent with the venue's candles: last = newest close, within the 24h high and low", async () => {
      const s = await start();
      const ticker = (await call(`${s.baseUrlOf('binance')}/api/v3/ticker/24hr?symbol=ETHUSDT`)).body as Record<string, string>;
      const klines = (await call(`${s.baseUrlOf('binance')}/api/v3/klines?symbol=ETHUSDT&interval=1h&limit=24`)).body as string[][];
      const last = Number(ticker.lastPrice);
      expect(Number(klines[klines.length - 1]![4])).to.equal(last);
      expect(last).to.be.within(Number(ticker.lowPrice), Number(ticker.highPrice));
      expect(Math.max(...klines.map((row) => Number(row[2])))).to.equal(Number(ticker.highPrice));
      clock.advance(3_600_000);
      const later = (await call(`${s.baseUrlOf('binance')}/api/v3/ticker/24hr?symbol=ETHUSDT`)).body as Record<string, string>;
      expect(later.lastPrice, 'the market moves with the clock').not.to.equal(ticker.lastPrice);
    });
  });

  it('GET / lists every provider base URL', async () => {
    const s = await start();
    const index = (await call(`${s.url}/`)).body as { providers: Record<string, string> };
    expect(index.providers.binance).to.equal(s.baseUrlOf('binance'));
    expect(Object.keys(index.providers)).to.include.members(['coinbase', 'alternative-me', 'etherscan', 'generic']);
  });
});
