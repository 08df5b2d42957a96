import { expect } from 'chai';
import nock from 'nock';
import binancePlugin from '../../../../plugins/providers/binance/index.js';
import type { RateLimitInfo } from '../../../../core/providers/market-provider.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://data-api.binance.vision';

type KlineRow = (string | number)[];

describe('BinanceProvider', () => {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(binancePlugin, overrides);

  describe('declaration', () => {
    it('declares its defaults: USDT pairs, weight 30, priority 1, a long blacklist after 429s', () => {
      const binance = provider();
      expect(binance.disabledReason).to.equal(null);
      expect(binance.declaration).to.include({ name: 'Binance', baseUrl: BASE, weight: 30, priority: 1, apiKeyRequired: false });
      expect(binance.declaration.capabilities).to.deep.equal(['price', 'ticker', 'ohlcv']);
      expect(binance.declaration.symbols).to.include({ BTC: 'BTCUSDT', DOGE: 'DOGEUSDT', AVAX: 'AVAXUSDT' });
      expect(binance.declaration.rateLimit).to.deep.equal({ requests: 1200, windowMs: 60_000, minIntervalMs: 0 });
      expect(binance.declaration.on429).to.deep.equal({ backoffMs: [120_000, 300_000], blacklistAfter: 2, blacklistMs: 10_800_000 });
    });

    it('applies config overrides (base URL, weight, priority, extra symbols)', async () => {
      const binance = provider({ baseUrl: 'http://mirror.test/binance/', weight: 7, priority: 4, symbols: { PEPE: 'PEPEUSDT' } });
      expect(binance.declaration).to.include({ weight: 7, priority: 4 });
      nock('http://mirror.test').get('/binance/api/v3/ticker/price').query({ symbol: 'PEPEUSDT' }).reply(200, { symbol: 'PEPEUSDT', price: '0.00001234' });
      const quote = await binance.fetch('price', { symbol: 'PEPE' }, fetchContext());
      expect(quote.price).to.equal(0.00001234);
    });
  });

  describe('price', () => {
    it('reads the string price of /api/v3/ticker/price (docs body) as a number', async () => {
      nock(BASE).get('/api/v3/ticker/price').query({ symbol: 'BTCUSDT' }).reply(200, upstreamFixture('binance.ticker_price').body);
      const before = Math.floor(Date.now() / 1000);
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.symbol).to.equal('BTC');
      expect(quote.price).to.equal(4.000002);
      expect(quote.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    it('reports x-mbx-used-weight-1m against the 6000 weight budget', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, { symbol: 'BTCUSDT', price: '73369.84' }, { 'x-mbx-used-weight-1m': '5990' });
      const reported: RateLimitInfo[] = [];
      await provider().fetch('price', { symbol: 'BTC' }, { ...fetchContext(), onRateLimitInfo: (info) => reported.push(info) });
      expect(reported).to.deep.equal([{ limit: 6000, remaining: 10 }]);
    });

    it('reports nothing when the weight header is absent', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, { symbol: 'BTCUSDT', price: '73369.84' });
      const reported: RateLimitInfo[] = [];
      await provider().fetch('price', { symbol: 'BTC' }, { ...fetchContext(), onRateLimitInfo: (info) => reported.push(info) });
      expect(reported).to.deep.equal([]);
    });
  });

  describe('ticker', () => {
    it('reads /api/v3/ticker/24hr (recorded body, ints stringified by the recorder)', async () => {
      nock(BASE).get('/api/v3/ticker/24hr').query({ symbol: 'BTCUSDT' }).reply(200, upstreamFixture('binance.ticker_24hr').body);
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker).to.deep.equal({
        symbol: 'BTC',
        price: 73369.84,
        changePercent24h: 1.647,
        high24h: 73650.25,
        low24h: 68620.82,
        volume24h: 72140.348628,
        timestamp: 1710328245,
      });
    });

    it('accepts the documented body with integer times', async () => {
      nock(BASE).get('/api/v3/ticker/24hr').query({ symbol: 'ETHUSDT' }).reply(200, upstreamFixture('binance.ticker_24hr.docs').body);
      const ticker = await provider().fetch('ticker', { symbol: 'ETH' }, fetchContext());
      expect(ticker).to.include({ price: 4.000002, changePercent24h: -95.96, high24h: 100, low24h: 0.1, volume24h: 8913.3, timestamp: 1499869899 });
    });

    it('names a missing field as schema drift', async () => {
      const body = structuredClone(upstreamFixture('binance.ticker_24hr').body) as Record<string, unknown>;
      delete body.highPrice;
      nock(BASE).get('/api/v3/ticker/24hr').query(true).reply(200, body);
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"highPrice"');
    });

    it('rejects a negative volume as insane_value', async () => {
      const body = { ...(upstreamFixture('binance.ticker_24hr').body as Record<string, unknown>), volume: '-3' };
      nock(BASE).get('/api/v3/ticker/24hr').query(true).reply(200, body);
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('insane_value');
      expect(error.message).to.contain('volume');
    });
  });

  describe('ohlcv', () => {
    it('reads /api/v3/klines (recorded body) into [open time s, o, h, l, c, base volume]', async () => {
      nock(BASE).get('/api/v3/klines').query({ symbol: 'BTCUSDT', interval: '1h', limit: '3' }).reply(200, upstreamFixture('binance.klines').body);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 3 }, fetchContext());
      expect(series).to.deep.equal({
        symbol: 'BTC',
        interval: '1h',
        candles: [
          [1706630400, 43519.34, 43936, 43171, 43488.71, 20.55495],
          [1706634000, 43488.71, 43832.08, 43084, 43374.8, 21.80865],
          [1706637600, 43374.81, 44048, 43062, 43361.11, 23.66547],
        ],
      });
    });

    it('caps limit at 1000, the most Binance serves', async () => {
      nock(BASE).get('/api/v3/klines').query({ symbol: 'ETHUSDT', interval: '1d', limit: '1000' }).reply(200, upstreamFixture('binance.klines').body);
      const series = await provider().fetch('ohlcv', { symbol: 'ETH', interval: '1d', limit: 5000 }, fetchContext());
      expect(series.candles).to.have.length(3);
    });

    it('names a short kline row as schema drift', async () => {
      const rows = structuredClone(upstreamFixture('binance.klines').body) as KlineRow[];
      rows[1] = rows[1]!.slice(0, 4);
      nock(BASE).get('/api/v3/klines').query(true).reply(200, rows);
      const error = await providerErrorOf(provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 3 }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('[1]');
    });

    it('rejects a zero low as insane, naming the row and column', async () => {
      const rows = structuredClone(upstreamFixture('binance.klines').body) as KlineRow[];
      rows[2]![3] = '0.00000000';
      nock(BASE).get('/api/v3/klines').query(true).reply(200, rows);
      const error = await providerErrorOf(provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 3 }, fetchContext()));
      expect(error.kind).to.equal('insane_value');
      expect(error.message).to.contain('[2][3]');
    });
  });

  describe('errors', () => {
    it('answers unknown_symbol for an unmapped ticker without calling upstream', async () => {
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'NOPE' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
    });

    it('maps {"code":-1121,"msg":"Invalid symbol."} (docs body) to unknown_symbol', async () => {
      nock(BASE).get('/api/v3/ticker/price').query({ symbol: 'NOTAPAIR' }).reply(400, upstreamFixture('binance.error_invalid_symbol').body);
      const error = await providerErrorOf(provider({ symbols: { NOPE: 'NOTAPAIR' } }).fetch('price', { symbol: 'NOPE' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
      expect(error.message).to.contain('Invalid symbol.');
      expect(error.upstreamStatus).to.equal(400);
    });

    it('maps 429 to rate_limited with Retry-After, not banned', async () => {
      nock(BASE).get('/api/v3/ticker/24hr').query(true).reply(429, upstreamFixture('binance.error_429_rate_limited').body, { 'Retry-After': '42' });
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'rate_limited', retryAfterMs: 42_000, banned: false, upstreamStatus: 429 });
    });

    it('maps 418 to rate_limited, banned, with the ban length from Retry-After', async () => {
      nock(BASE).get('/api/v3/ticker/24hr').query(true).reply(418, upstreamFixture('binance.error_418_ip_banned').body, { 'Retry-After': '7200' });
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'rate_limited', retryAfterMs: 7_200_000, banned: true, upstreamStatus: 418 });
    });

    it('maps an in-body -1003 under another status to rate_limited', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(400, upstreamFixture('binance.error_429_rate_limited').body);
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('rate_limited');
    });

    it('maps the 451 restricted-location answer (recorded) to unavailable, not rate_limited', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(451, upstreamFixture('binance.error_451_restricted_location').body);
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'unavailable', upstreamStatus: 451, banned: false });
    });

    it('maps HTTP 500 to unavailable', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(500, 'oops');
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'unavailable', upstreamStatus: 500 });
    });

    it('maps another 4xx with an unknown body to unavailable', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(404, { message: 'no such route' });
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error).to.include({ kind: 'unavailable', upstreamStatus: 404 });
    });

    it('maps a non-JSON body to malformed_body', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, '<html>maintenance</html>');
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('malformed_body');
    });

    it('maps an aborted call to timeout', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, { symbol: 'BTCUSDT', price: '1' });
      const controller = new AbortController();
      controller.abort();
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, { signal: controller.signal }));
      expect(error.kind).to.equal('timeout');
    });

    it('reports a price that is not a numeric string as schema drift naming the field', async () => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, { symbol: 'BTCUSDT', price: 'n/a' });
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"price"');
    });

    for (const price of ['0', '-1', '1000000000000']) {
      it(`rejects a price of ${price} as insane_value`, async () => {
        nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, { symbol: 'BTCUSDT', price });
        const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC' }, fetchContext()));
        expect(error.kind).to.equal('insane_value');
      });
    }
  });
});
