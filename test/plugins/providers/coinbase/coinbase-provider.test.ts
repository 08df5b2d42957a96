import { expect } from 'chai';
import nock from 'nock';
import coinbasePlugin from '../../../../plugins/providers/coinbase/index.js';
import { fetchContext, loadProvider, loadProviders } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRefusesUnmappedSymbols, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.exchange.coinbase.com';

/**
 * `/products/{id}/stats` with the fields the docs list (open, high, low, last, volume, volume_30day,
 * strings); no stats body was captured, so the values are taken from the recorded BTC ticker day.
 */
const STATS = { open: '72144.01', high: '73656.00', low: '68626.00', last: '73367.80', volume: '1207.50668151', volume_30day: '31234.5' };

const productTicker = (): Record<string, unknown> => structuredClone(upstreamFixture('coinbase_exchange.product_ticker').body) as Record<string, unknown>;
const candleRows = (): number[][] => structuredClone(upstreamFixture('coinbase_exchange.candles').body) as number[][];

describe('coinbasePlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(coinbasePlugin, overrides);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/products/BTC-USD/ticker'));
  const trxPrice = call('price', { symbol: 'TRX' }, () => nock(BASE).get('/products/TRX-USD/ticker'));
  const ticker = call('ticker', { symbol: 'BTC' }, () => nock(BASE).get('/products/BTC-USD/stats'));
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '1h', limit: 1 }, () => nock(BASE).get('/products/BTC-USD/candles').query(true));

  describe('declaration', () => {
    itDeclaresDefaults('declares its defaults: one Exchange host, BASE-USD products, weight 20, priority 2', provider, {
      name: 'Coinbase', baseUrl: BASE, weight: 20, priority: 2, apiKeyRequired: false, capabilities: ['price', 'ticker', 'ohlcv'], symbols: { BTC: 'BTC-USD', DOGE: 'DOGE-USD' },
      rateLimit: { requests: 5, windowMs: 1_000, minIntervalMs: 0 },
    });

    it('applies config overrides (base URL, weight)', async () => {
      const coinbase = provider({ baseUrl: 'http://mirror.test/cb', weight: 9 });
      expect(coinbase.declaration.weight).to.equal(9);
      nock('http://mirror.test').get('/cb/products/ETH-USD/ticker').reply(200, upstreamFixture('coinbase_exchange.product_ticker').body);
      const quote = await coinbase.fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(73367.8);
    });
  });

  describe('price', () => {
    it('reads price and time of /products/BTC-USD/ticker (recorded body)', async () => {
      nock(BASE).get('/products/BTC-USD/ticker').reply(200, upstreamFixture('coinbase_exchange.product_ticker').body);
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote).to.deep.equal({ symbol: 'BTC', price: 73367.8, timestamp: 1710328241 });
    });

    itMapsAnswers(price, [
      { title: 'reports an unparseable time as schema drift naming the field', body: { ...productTicker(), time: 'yesterday' }, error: { kind: 'schema_drift' }, naming: '"time"' },
    ]);
  });

  describe('ticker', () => {
    itTellsTimeByTheInjectedClock('its ticker (the stats carry no time)', (clock) => {
      nock(BASE).get('/products/BTC-USD/stats').reply(200, STATS);
      return loadProviders(coinbasePlugin, { clock })[0]!.fetch('ticker', { symbol: 'BTC' }, fetchContext());
    });

    it('reads the rolling 24 h /products/BTC-USD/stats and derives the change from open and last', async () => {
      nock(BASE).get('/products/BTC-USD/stats').reply(200, STATS);
      const before = Math.floor(Date.now() / 1000);
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      // The stats state no bid, ask or change: null, not worked out from open and last.
      expect(ticker).to.include({ symbol: 'BTC', price: 73367.8, bid: null, ask: null, open24h: 72144.01, high24h: 73656, low24h: 68626, baseVolume24h: 1207.50668151, quoteVolume24h: null, change24h: null, changePercent24h: null });
      expect(ticker.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    const { low: _low, ...withoutLow } = STATS;
    itMapsAnswers(ticker, [
      { title: 'names a missing field as schema drift', body: withoutLow, error: { kind: 'schema_drift' }, naming: '"low"' },
      { title: 'rejects a zero open as insane instead of dividing by it', body: { ...STATS, open: '0' }, error: { kind: 'insane_value' }, naming: 'open' },
    ]);
  });

  describe('ohlcv', () => {
    it('reorders [time, low, high, open, close, volume] rows (recorded body) into our candle', async () => {
      nock(BASE).get('/products/BTC-USD/candles').query({ granularity: '3600' }).reply(200, upstreamFixture('coinbase_exchange.candles').body);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 10 }, fetchContext());
      expect(series).to.deep.equal({ symbol: 'BTC', interval: '1h', candles: [[1710327600, 73243.33, 73402.47, 73241.5, 73370.65, 1.56794406]] });
    });

    it('sorts newest-first rows ascending and keeps the last `limit`', async () => {
      const [row] = candleRows();
      const rows = [2, 1, 0].map((step) => [row![0]! + step * 60, ...row!.slice(1)]);
      nock(BASE).get('/products/BTC-USD/candles').query({ granularity: '60' }).reply(200, rows);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1m', limit: 2 }, fetchContext());
      expect(series.candles.map((candle) => candle[0])).to.deep.equal([1710327660, 1710327720]);
    });

    const granularities: [interval: '5m' | '15m' | '1d', granularity: string][] = [
      ['5m', '300'],
      ['15m', '900'],
      ['1d', '86400'],
    ];
    for (const [interval, granularity] of granularities) {
      it(`asks granularity=${granularity} for ${interval}`, async () => {
        nock(BASE).get('/products/SOL-USD/candles').query({ granularity }).reply(200, candleRows());
        const series = await provider().fetch('ohlcv', { symbol: 'SOL', interval, limit: 1 }, fetchContext());
        expect(series.candles).to.have.length(1);
      });
    }

    it('merges 15 min candles into 30 min ones, as Coinbase has no 30 min granularity', async () => {
      const start = 1710327600;
      // Newest first, as Coinbase sends them: [time, low, high, open, close, volume].
      const rows = [
        [start + 2700, 99, 104, 100, 103, 4],
        [start + 1800, 98, 101, 99, 100, 3],
        [start + 900, 97, 102, 98, 99, 2],
        [start, 95, 100, 96, 98, 1],
      ];
      nock(BASE).get('/products/BTC-USD/candles').query({ granularity: '900' }).reply(200, rows);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '30m', limit: 10 }, fetchContext());
      expect(series.candles).to.deep.equal([
        [start, 96, 102, 95, 99, 3],
        [start + 1800, 99, 104, 98, 103, 7],
      ]);
    });

    it('merges 1 h candles into 4 h ones aligned to UTC, dropping a bucket the window cut', async () => {
      const fourHours = 1710316800;
      const hours = [-1, 0, 1, 2, 3, 4].map((hour) => [fourHours + hour * 3600, 95, 100 + hour, 96 + hour, 97 + hour, 1]);
      nock(BASE).get('/products/BTC-USD/candles').query({ granularity: '3600' }).reply(200, hours.reverse());
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '4h', limit: 10 }, fetchContext());
      expect(series.candles).to.deep.equal([
        [fourHours, 96, 103, 95, 100, 4],
        [fourHours + 14_400, 100, 104, 95, 101, 1],
      ]);
    });

    const [recordedRow] = candleRows();
    itMapsAnswers(ohlcv, [
      { title: 'names a short row as schema drift', body: [[1710327600, 73241.5, 73402.47]], error: { kind: 'schema_drift' }, naming: '[0]' },
      { title: 'rejects a negative volume as insane, naming the column', body: [[...recordedRow!.slice(0, 5), -1]], error: { kind: 'insane_value' }, naming: '[0][5] (volume)' },
    ]);
  });

  describe('errors', () => {
    itRefusesUnmappedSymbols(provider);

    itMapsAnswers(trxPrice, [{ title: 'maps 404 {"message":"NotFound"} to unknown_symbol', status: 404, body: { message: 'NotFound' }, error: { kind: 'unknown_symbol', upstreamStatus: 404 } }]);

    itMapsAnswers(ohlcv, [
      { title: 'maps another 4xx to unavailable with its message', status: 400, body: { message: 'Invalid granularity' }, error: { kind: 'unavailable' }, naming: 'Invalid granularity' },
    ]);

    itMapsTransportFailures(price, { rateLimited: { retryAfterSeconds: 1, body: { message: 'Public rate limit exceeded' } } });

    itRejectsInsaneValues(price, {
      what: 'a price',
      values: ['0', '-73367.8', '99999999999'],
      body: (value) => ({ ...productTicker(), price: value }),
    });
  });
});
