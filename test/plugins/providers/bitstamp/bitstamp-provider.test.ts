import { expect } from 'chai';
import nock from 'nock';
import bitstampPlugin from '../../../../plugins/providers/bitstamp/index.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRefusesUnmappedSymbols, itRejectsInsaneValues, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const HOST = 'https://www.bitstamp.net';

type OhlcRow = Record<string, string>;

const tickerBody = (): Record<string, unknown> => structuredClone(upstreamFixture('bitstamp.ticker').body) as Record<string, unknown>;

/** The recorded ohlc body with `rows` in place of its single candle. */
function ohlcBody(rows?: OhlcRow[]): { data: { pair: string; ohlc: OhlcRow[] } } {
  const body = structuredClone(upstreamFixture('bitstamp.ohlc').body) as { data: { pair: string; ohlc: OhlcRow[] } };
  if (rows !== undefined) body.data.ohlc = rows;
  return body;
}

describe('bitstampPlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(bitstampPlugin, overrides);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(HOST).get('/api/v2/ticker/btcusd/'));
  const ticker = call('ticker', { symbol: 'BTC' }, price.upstream);
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '1h', limit: 1 }, () => nock(HOST).get('/api/v2/ohlc/btcusd/').query(true));

  describe('declaration', () => {
    itDeclaresDefaults('declares its defaults: lower-case pairs, weight 10, priority 4', provider, {
      name: 'Bitstamp', baseUrl: 'https://www.bitstamp.net/api/v2', weight: 10, priority: 4, capabilities: ['price', 'ticker', 'ohlcv'], symbols: { BTC: 'btcusd', AVAX: 'avaxusd' },
      rateLimit: { requests: 400, windowMs: 60_000, minIntervalMs: 0 },
    });

    it('applies config overrides (base URL, weight)', async () => {
      const bitstamp = provider({ baseUrl: 'http://mirror.test/bitstamp', weight: 2 });
      expect(bitstamp.declaration.weight).to.equal(2);
      nock('http://mirror.test').get('/bitstamp/ticker/ethusd/').reply(200, tickerBody());
      const quote = await bitstamp.fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(73285);
    });
  });

  describe('price', () => {
    it('reads last and timestamp of /api/v2/ticker/btcusd/ (recorded body), trailing slash included', async () => {
      nock(HOST).get('/api/v2/ticker/btcusd/').reply(200, tickerBody());
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote).to.deep.equal({ symbol: 'BTC', price: 73285, timestamp: 1710328241 });
    });
  });

  describe('ticker', () => {
    it('reads the 24 h figures and percent_change_24 (recorded body)', async () => {
      nock(HOST).get('/api/v2/ticker/btcusd/').reply(200, tickerBody());
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker).to.deep.equal({
        symbol: 'BTC',
        price: 73285,
        bid: 73353,
        ask: 73367,
        open24h: 72144,
        high24h: 73656,
        low24h: 68626,
        baseVolume24h: 135.29692054,
        quoteVolume24h: null,
        change24h: null,
        changePercent24h: 1.58,
        timestamp: 1710328241,
      });
    });

    it('answers a null change when Bitstamp has none', async () => {
      nock(HOST).get('/api/v2/ticker/btcusd/').reply(200, { ...tickerBody(), percent_change_24: null });
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker.changePercent24h).to.equal(null);
    });

    const { volume: _volume, ...withoutVolume } = tickerBody();
    itMapsAnswers(ticker, [
      { title: 'names a missing field as schema drift', body: withoutVolume, error: { kind: 'schema_drift' }, naming: '"volume"' },
      { title: 'rejects a timestamp in 1970 as insane_value', body: { ...tickerBody(), timestamp: '12' }, error: { kind: 'insane_value' }, naming: 'timestamp' },
    ]);
  });

  describe('ohlcv', () => {
    it('reads /api/v2/ohlc/btcusd/ with step in seconds and limit (recorded body)', async () => {
      nock(HOST).get('/api/v2/ohlc/btcusd/').query({ step: '3600', limit: '1' }).reply(200, ohlcBody());
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 1 }, fetchContext());
      expect(series).to.deep.equal({ symbol: 'BTC', interval: '1h', candles: [[1710327600, 73241, 73293, 73240, 73285, 0.01076655]] });
    });

    it('sorts rows ascending and caps limit at 1000', async () => {
      const [row] = ohlcBody().data.ohlc;
      const rows = [row!, { ...row!, timestamp: '1710324000' }];
      nock(HOST).get('/api/v2/ohlc/btcusd/').query({ step: '86400', limit: '1000' }).reply(200, ohlcBody(rows));
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1d', limit: 5000 }, fetchContext());
      expect(series.candles.map((candle) => candle[0])).to.deep.equal([1710324000, 1710327600]);
    });

    const steps: [interval: '1m' | '5m' | '15m' | '30m' | '4h', step: string][] = [
      ['1m', '60'],
      ['5m', '300'],
      ['15m', '900'],
      ['30m', '1800'],
      ['4h', '14400'],
    ];
    for (const [interval, step] of steps) {
      it(`asks step=${step} for ${interval}`, async () => {
        nock(HOST).get('/api/v2/ohlc/ethusd/').query({ step, limit: '3' }).reply(200, ohlcBody());
        const series = await provider().fetch('ohlcv', { symbol: 'ETH', interval, limit: 3 }, fetchContext());
        expect(series.candles).to.have.length(1);
      });
    }

    const { close: _close, ...withoutClose } = ohlcBody().data.ohlc[0]!;
    itMapsAnswers(ohlcv, [
      { title: 'names a missing close as schema drift', body: ohlcBody([withoutClose]), error: { kind: 'schema_drift' }, naming: 'data.ohlc[0].close' },
      { title: 'rejects a zero open as insane, naming the row', body: ohlcBody([{ ...ohlcBody().data.ohlc[0]!, open: '0' }]), error: { kind: 'insane_value' }, naming: 'data.ohlc[0].open' },
    ]);
  });

  describe('errors', () => {
    itRefusesUnmappedSymbols(provider);

    it('maps a 404, JSON or HTML, to unknown_symbol', async () => {
      nock(HOST).get('/api/v2/ticker/trxusd/').reply(404, '<html><body>Not Found</body></html>');
      nock(HOST).get('/api/v2/ticker/trxusd/').reply(404, { message: 'Not found' });
      expect(await providerErrorOf(provider().fetch('price', { symbol: 'TRX' }, fetchContext()))).to.include({ kind: 'unknown_symbol', upstreamStatus: 404 });
      expect(await providerErrorOf(provider().fetch('price', { symbol: 'TRX' }, fetchContext()))).to.include({ kind: 'unknown_symbol', upstreamStatus: 404 });
    });

    itMapsAnswers(ohlcv, [
      {
        title: 'maps another 4xx to unavailable with its body',
        status: 400,
        body: { status: 'error', reason: 'Invalid step' },
        error: { kind: 'unavailable', upstreamStatus: 400 },
        naming: 'Invalid step',
      },
    ]);

    itMapsAnswers(price, [
      {
        title: 'maps a "Rate limit exceeded" error body under another status to rate_limited',
        status: 400,
        body: { status: 'error', reason: 'Rate limit exceeded', code: '400.002' },
        error: { kind: 'rate_limited', upstreamStatus: 400 },
      },
    ]);

    itMapsTransportFailures(price, { rateLimited: { retryAfterSeconds: 60 } });

    itRejectsInsaneValues(price, { what: 'a last price', values: ['0', '-1', '73285000000'], body: (last) => ({ ...tickerBody(), last }) });
  });
});
