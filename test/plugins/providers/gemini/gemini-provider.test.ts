import { expect } from 'chai';
import nock from 'nock';
import geminiPlugin from '../../../../plugins/providers/gemini/index.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRefusesUnmappedSymbols, itRejectsInsaneValues, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.gemini.com';

/**
 * `/v2/ticker/btcusd` in the shape Gemini's docs give (symbol, open, high, low, close, changes, bid,
 * ask; strings); no body was captured, so the prices are taken from the recorded pubticker's day.
 */
const TICKER_V2 = { symbol: 'BTCUSD', open: '72180.93', high: '73650.25', low: '68620.82', close: '73268.24', changes: ['73268.24', '73102.10'], bid: '73367.96', ask: '73385.27' };

type Pubticker = { last: string; volume: Record<string, string> };

const pubtickerBody = (): Pubticker => structuredClone(upstreamFixture('gemini.pubticker').body) as Pubticker;
const candleRows = (): number[][] => structuredClone(upstreamFixture('gemini.candles').body) as number[][];

/** Gemini's error body (docs: result, reason, message). */
const geminiError = (reason: string, message: string): { result: string; reason: string; message: string } => ({ result: 'error', reason, message });

describe('geminiPlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(geminiPlugin, overrides);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/v1/pubticker/btcusd'));
  const trxPrice = call('price', { symbol: 'TRX' }, () => nock(BASE).get('/v1/pubticker/trxusd'));
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '1h', limit: 1 }, () => nock(BASE).get('/v2/candles/btcusd/1hr'));

  describe('declaration', () => {
    itDeclaresDefaults('declares its defaults: lower-case symbols, weight 10, priority 5', provider, {
      name: 'Gemini', baseUrl: BASE, weight: 10, priority: 5, capabilities: ['price', 'ticker', 'ohlcv'], symbols: { BTC: 'btcusd', LINK: 'linkusd' },
      rateLimit: { requests: 60, windowMs: 60_000, minIntervalMs: 0 },
    });

    it('applies config overrides (base URL, weight, symbol)', async () => {
      const gemini = provider({ baseUrl: 'http://mirror.test/gemini', weight: 1, symbols: { BTC: 'btcusdt' } });
      expect(gemini.declaration.weight).to.equal(1);
      nock('http://mirror.test').get('/gemini/v1/pubticker/btcusdt').reply(200, pubtickerBody());
      const quote = await gemini.fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.price).to.equal(73268.24);
    });
  });

  describe('price', () => {
    it('reads last and volume.timestamp (ms) of /v1/pubticker/btcusd (recorded body)', async () => {
      nock(BASE).get('/v1/pubticker/btcusd').reply(200, pubtickerBody());
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote).to.deep.equal({ symbol: 'BTC', price: 73268.24, timestamp: 1710328245 });
    });
  });

  describe('ticker', () => {
    it('combines the pubticker (last, 24 h base volume) with /v2/ticker (open 24 h ago, high, low)', async () => {
      nock(BASE).get('/v1/pubticker/btcusd').reply(200, pubtickerBody());
      nock(BASE).get('/v2/ticker/btcusd').reply(200, TICKER_V2);
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      // The recorded pubticker is of BTCUSDT: it states no USD volume for btcusd. Gemini states no change.
      expect(ticker).to.deep.equal({
        symbol: 'BTC',
        price: 73268.24,
        bid: 73367.96,
        ask: 73385.27,
        open24h: 72180.93,
        high24h: 73650.25,
        low24h: 68620.82,
        baseVolume24h: 3.5434218,
        quoteVolume24h: null,
        change24h: null,
        changePercent24h: null,
        timestamp: 1710328245,
      });
    });

    it('reads the quote volume under the quote code of the mapped pair', async () => {
      nock(BASE).get('/v1/pubticker/btcusdt').reply(200, pubtickerBody());
      nock(BASE).get('/v2/ticker/btcusdt').reply(200, TICKER_V2);
      const ticker = await provider({ symbols: { BTC: 'btcusdt' } }).fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker.quoteVolume24h).to.equal(259620.278863632);
    });

    it('names a missing base volume as schema drift', async () => {
      const body = pubtickerBody();
      delete body.volume.BTC;
      nock(BASE).get('/v1/pubticker/btcusd').reply(200, body);
      nock(BASE).get('/v2/ticker/btcusd').reply(200, TICKER_V2);
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('volume.BTC');
    });

    it('names a missing /v2/ticker field as schema drift', async () => {
      const { high: _high, ...body } = TICKER_V2;
      nock(BASE).get('/v1/pubticker/btcusd').reply(200, pubtickerBody());
      nock(BASE).get('/v2/ticker/btcusd').reply(200, body);
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"high"');
    });

    it('rejects a negative volume as insane_value', async () => {
      const body = pubtickerBody();
      body.volume.BTC = '-2';
      nock(BASE).get('/v1/pubticker/btcusd').reply(200, body);
      nock(BASE).get('/v2/ticker/btcusd').reply(200, TICKER_V2);
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('insane_value');
      expect(error.message).to.contain('volume.BTC');
    });
  });

  describe('ohlcv', () => {
    it('reads /v2/candles/btcusd/1hr (recorded body) with ms times', async () => {
      nock(BASE).get('/v2/candles/btcusd/1hr').reply(200, upstreamFixture('gemini.candles').body);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 10 }, fetchContext());
      expect(series).to.deep.equal({ symbol: 'BTC', interval: '1h', candles: [[1710324000, 73402.61, 73402.61, 73268.24, 73268.24, 0.05445598]] });
    });

    it('sorts rows ascending and keeps the last `limit`', async () => {
      const [row] = candleRows();
      const rows = [0, 1, 2].map((step) => [row![0]! - step * 60_000, ...row!.slice(1)]);
      nock(BASE).get('/v2/candles/btcusd/1m').reply(200, rows);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1m', limit: 2 }, fetchContext());
      expect(series.candles.map((candle) => candle[0])).to.deep.equal([1710323940, 1710324000]);
    });

    const frames: [interval: '5m' | '15m' | '30m' | '1d', frame: string][] = [
      ['5m', '5m'],
      ['15m', '15m'],
      ['30m', '30m'],
      ['1d', '1day'],
    ];
    for (const [interval, frame] of frames) {
      it(`asks /v2/candles/ethusd/${frame} for ${interval}`, async () => {
        nock(BASE).get(`/v2/candles/ethusd/${frame}`).reply(200, candleRows());
        const series = await provider().fetch('ohlcv', { symbol: 'ETH', interval, limit: 5 }, fetchContext());
        expect(series.candles).to.have.length(1);
      });
    }

    it('merges 1 h candles into 4 h ones aligned to UTC, as Gemini has no 4 h time frame', async () => {
      const fourHours = 1710316800;
      const hours = [0, 1, 2, 3, 4].map((hour) => [(fourHours + hour * 3600) * 1000, 96 + hour, 100 + hour, 95, 97 + hour, 0.5]);
      nock(BASE).get('/v2/candles/btcusd/1hr').reply(200, hours.reverse());
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '4h', limit: 10 }, fetchContext());
      expect(series.candles).to.deep.equal([
        [fourHours, 96, 103, 95, 100, 2],
        [fourHours + 14_400, 100, 104, 95, 101, 0.5],
      ]);
    });

    const absurdClose = candleRows();
    absurdClose[0]![4] = 1e13;
    itMapsAnswers(ohlcv, [
      { title: 'names a short row as schema drift', body: [[1710324000000, 73402.61]], error: { kind: 'schema_drift' }, naming: '[0]' },
      { title: 'rejects an absurd close as insane, naming the row and column', body: absurdClose, error: { kind: 'insane_value' }, naming: '[0][4]' },
    ]);
  });

  describe('errors', () => {
    itRefusesUnmappedSymbols(provider);

    const invalidSymbol = geminiError('InvalidSymbol', 'Supplied value trxusd is not a valid symbol');
    itMapsAnswers(trxPrice, [
      { title: 'maps the InvalidSymbol error body to unknown_symbol', status: 400, body: invalidSymbol, error: { kind: 'unknown_symbol', upstreamStatus: 400 }, naming: 'InvalidSymbol' },
    ]);

    itMapsAnswers(ohlcv, [
      {
        title: 'maps a 404 for a wrong path (a misconfigured base URL) to unavailable, not unknown_symbol',
        status: 404,
        body: geminiError('EndpointNotFound', 'API entry point not found'),
        error: { kind: 'unavailable', upstreamStatus: 404 },
        naming: 'EndpointNotFound',
      },
    ]);

    itMapsTransportFailures(price, { rateLimited: { retryAfterSeconds: 2, body: geminiError('RateLimit', 'Requests were made too frequently') } });

    const marketNotOpen = geminiError('MarketNotOpen', 'market closed');
    itMapsAnswers(price, [{ title: 'maps any other error body to unavailable with its reason', status: 400, body: marketNotOpen, error: { kind: 'unavailable' }, naming: 'MarketNotOpen' }]);

    itRejectsInsaneValues(price, { what: 'a last price', values: ['0', '-1', '99999999999'], body: (last) => ({ ...pubtickerBody(), last }) });
  });
});
