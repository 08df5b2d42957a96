import { expect } from 'chai';
import nock from 'nock';
import binancePlugin from '../../../../plugins/providers/binance/index.js';
import type { RateLimitInfo } from '../../../../core/providers/market-provider.js';
import { fetchContext, loadProvider, loadProviders } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRefusesUnmappedSymbols, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://data-api.binance.vision';

type KlineRow = (string | number)[];

/** The recorded klines with `change` applied to a copy. */
function klinesWith(change: (rows: KlineRow[]) => void): KlineRow[] {
  const rows = structuredClone(upstreamFixture('binance.klines').body) as KlineRow[];
  change(rows);
  return rows;
}

describe('binancePlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(binancePlugin, overrides);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/api/v3/ticker/price').query(true));
  const ticker = call('ticker', { symbol: 'BTC' }, () => nock(BASE).get('/api/v3/ticker/24hr').query(true));
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '1h', limit: 3 }, () => nock(BASE).get('/api/v3/klines').query(true));

  describe('declaration', () => {
    itDeclaresDefaults('declares its defaults: USDT pairs, weight 30, priority 1, a long blacklist after 429s', provider, {
      name: 'Binance', baseUrl: BASE, weight: 30, priority: 1, apiKeyRequired: false, capabilities: ['price', 'ticker', 'ohlcv'],
      symbols: { BTC: 'BTCUSDT', DOGE: 'DOGEUSDT', AVAX: 'AVAXUSDT' }, rateLimit: { requests: 1200, windowMs: 60_000, minIntervalMs: 0 },
      on429: { backoffMs: [120_000, 300_000], blacklistAfter: 2, blacklistMs: 10_800_000 },
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
    itTellsTimeByTheInjectedClock('its price', (clock) => {
      nock(BASE).get('/api/v3/ticker/price').query(true).reply(200, upstreamFixture('binance.ticker_price').body);
      return loadProviders(binancePlugin, { clock })[0]!.fetch('price', { symbol: 'BTC' }, fetchContext());
    });

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
        bid: 73369.83,
        ask: 73369.84,
        open24h: 72181.09,
        high24h: 73650.25,
        low24h: 68620.82,
        baseVolume24h: 72140.348628,
        quoteVolume24h: 5167027510.687287,
        change24h: 1188.75,
        changePercent24h: 1.647,
        timestamp: 1710328245,
      });
    });

    it('accepts the documented body with integer times', async () => {
      nock(BASE).get('/api/v3/ticker/24hr').query({ symbol: 'ETHUSDT' }).reply(200, upstreamFixture('binance.ticker_24hr.docs').body);
      const ticker = await provider().fetch('ticker', { symbol: 'ETH' }, fetchContext());
      expect(ticker).to.include({ price: 4.000002, open24h: 99, changePercent24h: -95.96, change24h: -94.999998, high24h: 100, low24h: 0.1, baseVolume24h: 8913.3, quoteVolume24h: 15.3, timestamp: 1499869899 });
    });

    const recorded = upstreamFixture('binance.ticker_24hr').body as Record<string, unknown>;
    const { highPrice: _highPrice, ...withoutHigh } = recorded;
    itMapsAnswers(ticker, [
      { title: 'names a missing field as schema drift', body: withoutHigh, error: { kind: 'schema_drift' }, naming: '"highPrice"' },
      { title: 'rejects a negative volume as insane_value', body: { ...recorded, volume: '-3' }, error: { kind: 'insane_value' }, naming: 'volume' },
    ]);
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

    itMapsAnswers(ohlcv, [
      { title: 'names a short kline row as schema drift', body: klinesWith((rows) => (rows[1] = rows[1]!.slice(0, 4))), error: { kind: 'schema_drift' }, naming: '[1]' },
      { title: 'rejects a zero low as insane, naming the row and column', body: klinesWith((rows) => (rows[2]![3] = '0.00000000')), error: { kind: 'insane_value' }, naming: '[2][3]' },
    ]);
  });

  describe('errors', () => {
    itRefusesUnmappedSymbols(provider);

    const notAPair = callsOn(() => provider({ symbols: { NOPE: 'NOTAPAIR' } }))('price', { symbol: 'NOPE' }, () => nock(BASE).get('/api/v3/ticker/price').query({ symbol: 'NOTAPAIR' }));
    itMapsAnswers(notAPair, [
      {
        title: 'maps {"code":-1121,"msg":"Invalid symbol."} (docs body) to unknown_symbol',
        status: 400,
        body: upstreamFixture('binance.error_invalid_symbol').body,
        error: { kind: 'unknown_symbol', upstreamStatus: 400 },
        naming: 'Invalid symbol.',
      },
    ]);

    itMapsAnswers(ticker, [
      {
        title: 'maps 418 to rate_limited, banned, with the ban length from Retry-After',
        status: 418,
        body: upstreamFixture('binance.error_418_ip_banned').body,
        headers: { 'Retry-After': '7200' },
        error: { kind: 'rate_limited', retryAfterMs: 7_200_000, banned: true, upstreamStatus: 418 },
      },
    ]);

    itMapsAnswers(price, [
      { title: 'maps an in-body -1003 under another status to rate_limited', status: 400, body: upstreamFixture('binance.error_429_rate_limited').body, error: { kind: 'rate_limited' } },
      {
        title: 'maps the 451 restricted-location answer (recorded) to unavailable, not rate_limited',
        status: 451,
        body: upstreamFixture('binance.error_451_restricted_location').body,
        error: { kind: 'unavailable', upstreamStatus: 451, banned: false },
      },
      { title: 'maps another 4xx with an unknown body to unavailable', status: 404, body: { message: 'no such route' }, error: { kind: 'unavailable', upstreamStatus: 404 } },
      { title: 'reports a price that is not a numeric string as schema drift naming the field', body: { symbol: 'BTCUSDT', price: 'n/a' }, error: { kind: 'schema_drift' }, naming: '"price"' },
    ]);

    itMapsTransportFailures(price, { rateLimited: { retryAfterSeconds: 42, body: upstreamFixture('binance.error_429_rate_limited').body } });

    itRejectsInsaneValues(price, { what: 'a price', values: ['0', '-1', '1000000000000'], body: (value) => ({ symbol: 'BTCUSDT', price: value }) });
  });
});
