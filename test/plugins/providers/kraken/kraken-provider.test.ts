import { expect } from 'chai';
import nock from 'nock';
import krakenPlugin from '../../../../plugins/providers/kraken/index.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.kraken.com';

type TickerEntry = Record<string, unknown>;

/** The recorded XBTUSDT ticker entry. */
function recordedTickerEntry(): TickerEntry {
  return structuredClone((upstreamFixture('kraken.ticker').body as { result: Record<string, TickerEntry> }).result.XBTUSDT!);
}

/** The recorded XBTUSDT OHLC rows. */
function recordedOhlcRows(): unknown[][] {
  return structuredClone((upstreamFixture('kraken.ohlc').body as { result: { XBTUSDT: unknown[][] } }).result.XBTUSDT);
}

describe('KrakenProvider', () => {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(krakenPlugin, overrides);

  describe('declaration', () => {
    it('declares its defaults with Kraken canonical pair names (XBT, XDG, legacy X/Z keys)', () => {
      const kraken = provider();
      expect(kraken.disabledReason).to.equal(null);
      expect(kraken.declaration).to.include({ name: 'Kraken', baseUrl: 'https://api.kraken.com/0/public', weight: 20, priority: 3 });
      expect(kraken.declaration.capabilities).to.deep.equal(['price', 'ticker', 'ohlcv']);
      expect(kraken.declaration.symbols).to.include({ BTC: 'XXBTZUSD', ETH: 'XETHZUSD', DOGE: 'XDGUSD', SOL: 'SOLUSD' });
      expect(kraken.declaration.rateLimit).to.deep.equal({ requests: 60, windowMs: 60_000, minIntervalMs: 1_000 });
    });

    it('applies config overrides (base URL, weight)', async () => {
      const kraken = provider({ baseUrl: 'http://mirror.test/kraken', weight: 3 });
      expect(kraken.declaration.weight).to.equal(3);
      nock('http://mirror.test').get('/kraken/Ticker').query({ pair: 'XETHZUSD' }).reply(200, { error: [], result: { XETHZUSD: recordedTickerEntry() } });
      const quote = await kraken.fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(73380.6);
    });
  });

  describe('price', () => {
    it('reads c[0] of /0/public/Ticker keyed XXBTZUSD', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XXBTZUSD' }).reply(200, { error: [], result: { XXBTZUSD: recordedTickerEntry() } });
      const before = Math.floor(Date.now() / 1000);
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.symbol).to.equal('BTC');
      expect(quote.price).to.equal(73380.6);
      expect(quote.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    it('takes the lone pair key when a configured altname answers under the canonical name', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XBTUSD' }).reply(200, { error: [], result: { XXBTZUSD: recordedTickerEntry() } });
      const quote = await provider({ symbols: { BTC: 'XBTUSD' } }).fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.price).to.equal(73380.6);
    });
  });

  describe('ticker', () => {
    it('reads the recorded XBTUSDT answer: last 24 h high, low and volume; no change field', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XBTUSDT' }).reply(200, upstreamFixture('kraken.ticker').body);
      const ticker = await provider({ symbols: { BTC: 'XBTUSDT' } }).fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker).to.include({ symbol: 'BTC', price: 73380.6, changePercent24h: null, high24h: 73580, low24h: 68666, volume24h: 598.03698452 });
    });

    it('names a missing field as schema drift', async () => {
      const entry = recordedTickerEntry();
      delete entry.h;
      nock(BASE).get('/0/public/Ticker').query(true).reply(200, { error: [], result: { XXBTZUSD: entry } });
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('result.XXBTZUSD.h');
    });

    it('rejects a negative 24 h low as insane_value', async () => {
      const entry = { ...recordedTickerEntry(), l: ['71321.8', '-1'] };
      nock(BASE).get('/0/public/Ticker').query(true).reply(200, { error: [], result: { XXBTZUSD: entry } });
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('insane_value');
      expect(error.message).to.contain('l[1]');
    });
  });

  describe('ohlcv', () => {
    it('reads /0/public/OHLC (recorded body) with the interval in minutes, keeping the last `limit` rows', async () => {
      nock(BASE).get('/0/public/OHLC').query({ pair: 'XBTUSDT', interval: '60' }).reply(200, upstreamFixture('kraken.ohlc').body);
      const series = await provider({ symbols: { BTC: 'XBTUSDT' } }).fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 2 }, fetchContext());
      expect(series).to.deep.equal({
        symbol: 'BTC',
        interval: '1h',
        candles: [
          [1706641200, 43375, 43539.7, 43357.1, 43539.7, 10.82796308],
          [1706799600, 42633.7, 42905.4, 42545.2, 42548.5, 75.60416795],
        ],
      });
    });

    const minutes: [interval: '1m' | '5m' | '15m' | '30m' | '4h' | '1d', minutes: string][] = [
      ['1m', '1'],
      ['5m', '5'],
      ['15m', '15'],
      ['30m', '30'],
      ['4h', '240'],
      ['1d', '1440'],
    ];
    for (const [interval, value] of minutes) {
      it(`asks interval=${value} for ${interval}`, async () => {
        nock(BASE).get('/0/public/OHLC').query({ pair: 'XXBTZUSD', interval: value }).reply(200, { error: [], result: { XXBTZUSD: recordedOhlcRows(), last: 1706796000 } });
        const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval, limit: 720 }, fetchContext());
        expect(series.candles).to.have.length(6);
      });
    }

    it('names a missing close in a row as schema drift', async () => {
      const rows = recordedOhlcRows();
      rows[0] = rows[0]!.slice(0, 4);
      nock(BASE).get('/0/public/OHLC').query(true).reply(200, { error: [], result: { XXBTZUSD: rows, last: 1706796000 } });
      const error = await providerErrorOf(provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 6 }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('result.XXBTZUSD[0]');
    });

    it('rejects an absurd high as insane, naming the row', async () => {
      const rows = recordedOhlcRows();
      rows[3]![2] = '99999999999';
      nock(BASE).get('/0/public/OHLC').query(true).reply(200, { error: [], result: { XXBTZUSD: rows, last: 1706796000 } });
      const error = await providerErrorOf(provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 6 }, fetchContext()));
      expect(error.kind).to.equal('insane_value');
      expect(error.message).to.contain('result.XXBTZUSD[3][2]');
    });
  });

  describe('errors', () => {
    it('answers unknown_symbol for an unmapped ticker without calling upstream', async () => {
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'NOPE' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
    });

    it('maps "EQuery:Unknown asset pair" inside HTTP 200 (recorded) to unknown_symbol', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'NOTAPAIR' }).reply(200, upstreamFixture('kraken.error_unknown_pair').body);
      const error = await providerErrorOf(provider({ symbols: { NOPE: 'NOTAPAIR' } }).fetch('ticker', { symbol: 'NOPE' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
      expect(error.message).to.contain('EQuery:Unknown asset pair');
    });

    it('maps "EGeneral:Too many requests" inside HTTP 200 to rate_limited', async () => {
      nock(BASE).get('/0/public/Ticker').query(true).reply(200, upstreamFixture('kraken.error_rate_limited').body);
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('rate_limited');
    });

    it('maps "EAPI:Rate limit exceeded" to rate_limited', async () => {
      nock(BASE).get('/0/public/OHLC').query(true).reply(200, { error: ['EAPI:Rate limit exceeded'] });
      const error = await providerErrorOf(provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 2 }, fetchContext()));
      expect(error.kind).to.equal('rate_limited');
    });

    it('maps any other in-body error to unavailable with its text', async () => {
      nock(BASE).get('/0/public/Ticker').query(true).reply(200, { error: ['EService:Unavailable'] });
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('unavailable');
      expect(error.message).to.contain('EService:Unavailable');
    });

    it('maps HTTP 429 to rate_limited with Retry-After', async () => {
      nock(BASE).get('/0/public/Ticker').query(true).reply(429, upstreamFixture('kraken.error_rate_limited').body, { 'retry-after': '5' });
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'rate_limited', retryAfterMs: 5_000 });
    });

    it('maps HTTP 500 and the Cloudflare 520 to unavailable', async () => {
      nock(BASE).get('/0/public/Ticker').query(true).reply(500, 'oops');
      nock(BASE).get('/0/public/Ticker').query(true).reply(520, '<html>cloudflare</html>');
      expect(await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()))).to.include({ kind: 'unavailable', upstreamStatus: 500 });
      expect(await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()))).to.include({ kind: 'unavailable', upstreamStatus: 520 });
    });

    it('maps a non-JSON body to malformed_body', async () => {
      nock(BASE).get('/0/public/Ticker').query(true).reply(200, 'EGeneral:Internal error');
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('malformed_body');
    });

    it('reports a body without the error array as schema drift naming the field', async () => {
      nock(BASE).get('/0/public/Ticker').query(true).reply(200, { result: { XXBTZUSD: recordedTickerEntry() } });
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"error"');
    });

    it('maps an aborted call to timeout', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, { signal: controller.signal }));
      expect(error.kind).to.equal('timeout');
    });

    for (const price of ['0', '-5', '123456789012']) {
      it(`rejects a last price of ${price} as insane_value`, async () => {
        const entry = { ...recordedTickerEntry(), c: [price, '0.1'] };
        nock(BASE).get('/0/public/Ticker').query(true).reply(200, { error: [], result: { XXBTZUSD: entry } });
        const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
        expect(error.kind).to.equal('insane_value');
      });
    }
  });
});
