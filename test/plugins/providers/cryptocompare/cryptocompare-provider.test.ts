import { expect } from 'chai';
import nock from 'nock';
import cryptoComparePlugin from '../../../../plugins/providers/cryptocompare/index.js';
import { fetchContext, loadProvider, loadProviders, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { callsOn, failureOf, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itNeverLeaksTheKey, itRefusesUnmappedSymbols, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://min-api.cryptocompare.com';
const KEY = 'cc-secret-key-123';

type HistoRow = { time: number; open: number; high: number; low: number; close: number; volumefrom: number };

/** The v1 recording's rows in the documented v2 envelope (no v2 body was captured). */
function histoV2Body(rows: unknown[]): Record<string, unknown> {
  return { Response: 'Success', Message: '', HasWarning: false, Type: 100, RateLimit: {}, Data: { Aggregated: false, TimeFrom: 1502546400, TimeTo: 1502582400, Data: rows } };
}

const histoV1 = upstreamFixture('cryptocompare.histohour_v1').body as { Data: HistoRow[] };

describe('cryptoComparePlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>, env?: NodeJS.ProcessEnv): ReturnType<typeof loadProvider> =>
    loadProvider(cryptoComparePlugin, overrides, env);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/data/price').query(true));
  const ticker = call('ticker', { symbol: 'BTC' }, () => nock(BASE).get('/data/pricemultifull').query(true));
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '1h', limit: 2 }, () => nock(BASE).get('/data/v2/histohour').query(true));

  describe('declaration', () => {
    itDeclaresDefaults('declares its defaults and stays enabled without a key', provider, {
      name: 'CryptoCompare', baseUrl: BASE, weight: 5, priority: 6, apiKeyEnv: 'CRYPTOCOMPARE_API_KEY', apiKeyRequired: false, capabilities: ['price', 'ticker', 'ohlcv'],
      symbols: { BTC: 'BTC', AVAX: 'AVAX' },
    });
  });

  describe('price', () => {
    itTellsTimeByTheInjectedClock('its price', (clock) => {
      nock(BASE).get('/data/price').query(true).reply(200, upstreamFixture('cryptocompare.price').body);
      return loadProviders(cryptoComparePlugin, { clock })[0]!.fetch('price', { symbol: 'BTC' }, fetchContext());
    });

    it('reads /data/price (official guide body) without an authorization header when no key is set', async () => {
      const { body } = upstreamFixture('cryptocompare.price');
      nock(BASE, { badheaders: ['authorization'] }).get('/data/price').query({ fsym: 'BTC', tsyms: 'USD', tryConversion: 'false' }).reply(200, body);
      const before = Math.floor(Date.now() / 1000);
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.symbol).to.equal('BTC');
      expect(quote.price).to.equal(4069.35);
      expect(quote.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    it('sends "authorization: Apikey <key>" when CRYPTOCOMPARE_API_KEY is set', async () => {
      nock(BASE).matchHeader('authorization', `Apikey ${KEY}`).get('/data/price').query({ fsym: 'ETH', tsyms: 'USD', tryConversion: 'false' }).reply(200, { USD: 2561.88 });
      const quote = await provider(undefined, { CRYPTOCOMPARE_API_KEY: KEY }).fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(2561.88);
    });

    it('uses a configured base URL', async () => {
      nock('http://mirror.test').get('/cc/data/price').query(true).reply(200, { USD: 1.5 });
      const quote = await provider({ baseUrl: 'http://mirror.test/cc/' }).fetch('price', { symbol: 'XRP' }, fetchContext());
      expect(quote.price).to.equal(1.5);
    });
  });

  describe('ticker', () => {
    it('reads RAW.BTC.USD of /data/pricemultifull (recorded body)', async () => {
      const { body } = upstreamFixture('cryptocompare.pricemultifull');
      nock(BASE).get('/data/pricemultifull').query({ fsyms: 'BTC', tsyms: 'USD', tryConversion: 'false' }).reply(200, body);
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker).to.deep.equal({
        symbol: 'BTC',
        price: 4563.88,
        bid: null,
        ask: null,
        open24h: 4497.45,
        high24h: 4667.54,
        low24h: 4386.52,
        baseVolume24h: 110702.84081476295,
        quoteVolume24h: 504520318.88032025,
        change24h: 66.43000000000029,
        changePercent24h: 1.4770592224482828,
        timestamp: 1504754372,
      });
    });

    const withoutHigh = structuredClone(upstreamFixture('cryptocompare.pricemultifull').body) as { RAW: { BTC: { USD: Record<string, unknown> } } };
    delete withoutHigh.RAW.BTC.USD.HIGH24HOUR;
    itMapsAnswers(ticker, [
      { title: 'names the missing field as schema drift', body: withoutHigh, error: { kind: 'schema_drift' }, naming: 'RAW.BTC.USD.HIGH24HOUR' },
      { title: 'reports schema drift when RAW lacks the asked symbol', body: { RAW: {}, DISPLAY: {} }, error: { kind: 'schema_drift' }, naming: 'RAW.BTC' },
    ]);
  });

  describe('ohlcv', () => {
    it('reads Data.Data of /data/v2/histohour, asking limit - 1 because it returns limit + 1 rows', async () => {
      nock(BASE).get('/data/v2/histohour').query({ fsym: 'BTC', tsym: 'USD', tryConversion: 'false', limit: '10', aggregate: '1' }).reply(200, histoV2Body(histoV1.Data));
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 11 }, fetchContext());
      expect(series.symbol).to.equal('BTC');
      expect(series.interval).to.equal('1h');
      expect(series.candles).to.have.length(11);
      expect(series.candles[0]).to.deep.equal([1502546400, 3776.45, 3801.24, 3776.45, 3797.26, 3963.89]);
      expect(series.candles[10]).to.deep.equal([1502582400, 3871.62, 3880.77, 3871.62, 3890.86, 295.21]);
    });

    it('accepts the legacy v1 body (rows directly in Data, recorded) and keeps the last `limit` candles', async () => {
      const { body } = upstreamFixture('cryptocompare.histohour_v1');
      nock(BASE).get('/data/v2/histohour').query(true).reply(200, body);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 2 }, fetchContext());
      expect(series.candles).to.deep.equal([
        [1502578800, 3841.7, 3884.39, 3826.86, 3871.62, 4262.14],
        [1502582400, 3871.62, 3880.77, 3871.62, 3890.86, 295.21],
      ]);
    });

    const routes: [interval: '1m' | '5m' | '15m' | '30m' | '4h' | '1d', endpoint: string, aggregate: string][] = [
      ['1m', 'histominute', '1'],
      ['5m', 'histominute', '5'],
      ['15m', 'histominute', '15'],
      ['30m', 'histominute', '30'],
      ['4h', 'histohour', '4'],
      ['1d', 'histoday', '1'],
    ];
    for (const [interval, endpoint, aggregate] of routes) {
      it(`asks /data/v2/${endpoint} with aggregate=${aggregate} for ${interval}`, async () => {
        nock(BASE).get(`/data/v2/${endpoint}`).query({ fsym: 'ETH', tsym: 'USD', tryConversion: 'false', limit: '2', aggregate }).reply(200, histoV2Body(histoV1.Data.slice(0, 3)));
        const series = await provider().fetch('ohlcv', { symbol: 'ETH', interval, limit: 3 }, fetchContext());
        expect(series.candles.map((candle) => candle[0])).to.deep.equal([1502546400, 1502550000, 1502553600]);
      });
    }

    it('drops the all-zero rows CryptoCompare pads before an asset first traded', async () => {
      const padding = { time: 1502542800, open: 0, high: 0, low: 0, close: 0, volumefrom: 0 };
      nock(BASE).get('/data/v2/histohour').query(true).reply(200, histoV2Body([padding, ...histoV1.Data.slice(0, 2)]));
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 3 }, fetchContext());
      expect(series.candles.map((candle) => candle[0])).to.deep.equal([1502546400, 1502550000]);
    });

    const [first, second] = histoV1.Data;
    const { close: _close, ...withoutClose } = first!;
    itMapsAnswers(ohlcv, [
      { title: 'rejects a candle with a negative price as insane, naming the row', body: histoV2Body([first, { ...second!, low: -5 }]), error: { kind: 'insane_value' }, naming: 'Data[1].low' },
      { title: 'names a missing candle field as schema drift', body: histoV2Body([withoutClose, second]), error: { kind: 'schema_drift' }, naming: 'Data.Data[0].close' },
    ]);
  });

  describe('errors', () => {
    itRefusesUnmappedSymbols(provider);

    it('maps the in-body Type 2 "market does not exist" answer to unknown_symbol', async () => {
      const { body } = upstreamFixture('cryptocompare.error_unknown_pair');
      nock(BASE).get('/data/pricemultifull').query({ fsyms: 'EZETH', tsyms: 'USD', tryConversion: 'false' }).reply(200, body);
      const error = await providerErrorOf(provider({ symbols: { EZETH: 'EZETH' } }).fetch('ticker', { symbol: 'EZETH' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
      expect(error.message).to.contain('market does not exist');
    });

    it('maps the in-body Type 99 rate-limit answer (HTTP 200, recorded) to rate_limited, waiting out the exhausted month', async () => {
      const { body } = upstreamFixture('cryptocompare.error_rate_limited');
      nock(BASE).get('/data/price').query(true).reply(200, body);
      const error = await failureOf(price);
      expect(error.kind).to.equal('rate_limited');
      expect(error.message).to.contain('over your rate limit');
      expect(error.retryAfterMs).to.be.within(1, 31 * 86_400_000);
    });

    it('waits at most a minute when the in-body answer shows only the minute exhausted', async () => {
      const body = structuredClone(upstreamFixture('cryptocompare.error_rate_limited').body) as { RateLimit: { calls_made: Record<string, number> } };
      body.RateLimit.calls_made = { second: 4, minute: 325, hour: 325, day: 3745, month: 13490 };
      nock(BASE).get('/data/price').query(true).reply(200, body);
      const error = await failureOf(price);
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfterMs).to.be.within(1, 60_000);
    });

    itMapsAnswers(price, [
      {
        title: 'still reports the rate limit when the RateLimit block is malformed',
        body: { Response: 'Error', Message: 'You are over your rate limit please upgrade your account!', Type: 99, RateLimit: 'n/a' },
        error: { kind: 'rate_limited', retryAfterMs: undefined },
      },
      {
        title: 'maps any other in-body error to unavailable with its message',
        body: { Response: 'Error', Message: 'tsyms param is invalid', HasWarning: false, Type: 2, RateLimit: {}, Data: {} },
        error: { kind: 'unavailable' },
        naming: 'tsyms param is invalid',
      },
      { title: 'reports a body without USD as schema drift naming the field', body: { EUR: 4000 }, error: { kind: 'schema_drift' }, naming: '"USD"' },
    ]);

    itMapsTransportFailures(price, { rateLimited: { retryAfterSeconds: 30, body: 'slow down' } });

    itRejectsInsaneValues(price, { what: 'a price', values: [0, -1, 1e12], body: (usd) => ({ USD: usd }) });

    itNeverLeaksTheKey({
      plugin: cryptoComparePlugin,
      keyEnv: 'CRYPTOCOMPARE_API_KEY',
      key: KEY,
      fetch: (cc) => cc.fetch('price', { symbol: 'BTC' }, fetchContext()),
      upstream: price.upstream,
      answers: [
        [200, upstreamFixture('cryptocompare.error_rate_limited').body, 'rate_limited'],
        [401, { Response: 'Error', Message: 'You need a valid auth key or api key to access this endpoint', Type: 1 }, 'unavailable'],
      ],
    });
  });
});
