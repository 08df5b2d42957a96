import { expect } from 'chai';
import nock from 'nock';
import coinGeckoPlugin from '../../../../plugins/providers/coingecko/index.js';
import { fetchContext, loadProvider, loadProviders, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRefusesUnmappedSymbols, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.coingecko.com';
const KEY = 'cg-demo-key-456';

type Market = Record<string, unknown>;

/** The documented /coins/markets body with `change` applied to a copy of its bitcoin entry. */
function marketsWith(change: (btc: Market) => void): Market[] {
  const body = structuredClone(upstreamFixture('coingecko.coins_markets').body) as Market[];
  change(body[0]!);
  return body;
}

describe('coinGeckoPlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>, env?: NodeJS.ProcessEnv): ReturnType<typeof loadProvider> =>
    loadProvider(coinGeckoPlugin, overrides, env);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/api/v3/simple/price').query(true));
  const ticker = call('ticker', { symbol: 'BTC' }, () => nock(BASE).get('/api/v3/coins/markets').query(true));
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '4h', limit: 1 }, () => nock(BASE).get('/api/v3/coins/bitcoin/ohlc').query(true));

  describe('declaration', () => {
    itDeclaresDefaults('declares the SPEC protection: 5 % weight, 5-minute cache, one call per 10 s, 429 back-off and a 1 h blacklist', provider, {
      name: 'CoinGecko', baseUrl: `${BASE}/api/v3`, weight: 5, priority: 9, apiKeyRequired: false, cacheTtlMs: { price: 300_000, ticker: 300_000 }, rateLimit: { minIntervalMs: 10_000 },
      on429: { backoffMs: [120_000, 240_000, 600_000], blacklistAfter: 3, blacklistMs: 3_600_000 },
    });

    it('maps tickers to coin ids (XRP is ripple, AVAX is avalanche-2)', () => {
      expect(provider().declaration.symbols).to.include({ BTC: 'bitcoin', XRP: 'ripple', AVAX: 'avalanche-2' });
    });
  });

  describe('price', () => {
    itTellsTimeByTheInjectedClock('a price without last_updated_at', (clock) => {
      nock(BASE).get('/api/v3/simple/price').query(true).reply(200, upstreamFixture('coingecko.simple_price_min').body);
      return loadProviders(coinGeckoPlugin, { clock })[0]!.fetch('price', { symbol: 'ETH' }, fetchContext());
    });

    it('reads /simple/price (docs body) with its last_updated_at, without a key header when none is set', async () => {
      const { body } = upstreamFixture('coingecko.simple_price');
      nock(BASE, { badheaders: ['x-cg-demo-api-key'] })
        .get('/api/v3/simple/price')
        .query({ ids: 'bitcoin', vs_currencies: 'usd', include_last_updated_at: 'true' })
        .reply(200, body);
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote).to.deep.equal({ symbol: 'BTC', price: 67187.3358936566, timestamp: 1711356300 });
    });

    it('stamps a minimal body (no last_updated_at, recorded) with the time of the call', async () => {
      const { body } = upstreamFixture('coingecko.simple_price_min');
      nock(BASE).get('/api/v3/simple/price').query(true).reply(200, body);
      const before = Math.floor(Date.now() / 1000);
      const quote = await provider().fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(1498.64);
      expect(quote.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    it('sends the Demo key as x-cg-demo-api-key when COINGECKO_DEMO_API_KEY is set', async () => {
      nock(BASE).matchHeader('x-cg-demo-api-key', KEY).get('/api/v3/simple/price').query(true).reply(200, upstreamFixture('coingecko.simple_price_min').body);
      const quote = await provider(undefined, { COINGECKO_DEMO_API_KEY: KEY }).fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(1498.64);
    });
  });

  describe('ticker', () => {
    it('reads /coins/markets (docs body), turning the USD volume into base-asset volume', async () => {
      const { body } = upstreamFixture('coingecko.coins_markets');
      nock(BASE).get('/api/v3/coins/markets').query({ vs_currency: 'usd', ids: 'bitcoin' }).reply(200, body);
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker).to.deep.equal({
        symbol: 'BTC',
        price: 70187,
        bid: null,
        ask: null,
        open24h: null,
        high24h: 70215,
        low24h: 68060,
        baseVolume24h: null,
        quoteVolume24h: 20154184933,
        change24h: 2126.88,
        changePercent24h: 3.12502,
        timestamp: 1712508571,
      });
    });

    itMapsAnswers(ticker, [
      { title: 'names a missing field as schema drift', body: marketsWith((btc) => delete btc.high_24h), error: { kind: 'schema_drift' }, naming: '[0].high_24h' },
      { title: 'answers unknown_symbol when the id is missing from the list', body: [], error: { kind: 'unknown_symbol' } },
      { title: 'rejects a negative low as insane_value', body: marketsWith((btc) => (btc.low_24h = -1)), error: { kind: 'insane_value' }, naming: 'low_24h' },
    ]);
  });

  describe('ohlcv', () => {
    it('reads 4-hour candles from /coins/{id}/ohlc (docs body), stamping them with their open time', async () => {
      const { body } = upstreamFixture('coingecko.coins_ohlc');
      nock(BASE).get('/api/v3/coins/bitcoin/ohlc').query({ vs_currency: 'usd', days: '7' }).reply(200, body);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '4h', limit: 3 }, fetchContext());
      expect(series).to.deep.equal({
        symbol: 'BTC',
        interval: '4h',
        candles: [
          [1709380800, 61942, 62211, 61721, 61845, null],
          [1709395200, 61828, 62139, 61726, 62139, null],
          [1709409600, 62171, 62210, 61821, 62068, null],
        ],
      });
    });

    it('keeps the last `limit` candles of a recorded answer', async () => {
      const { body } = upstreamFixture('coingecko.coins_ohlc_recorded');
      nock(BASE).get('/api/v3/coins/rublix/ohlc').query({ vs_currency: 'usd', days: '7' }).reply(200, body);
      const series = await provider({ symbols: { RBLX: 'rublix' } }).fetch('ohlcv', { symbol: 'RBLX', interval: '4h', limit: 2 }, fetchContext());
      expect(series.candles).to.deep.equal([
        [1626019200, 0.013486, 0.013486, 0.013243, 0.013247, null],
        [1626033600, 0.013262, 0.01366, 0.013262, 0.013424, null],
      ]);
    });

    it('merges 30-minute candles into hourly ones for 1h (days=1)', async () => {
      const close = 1_709_397_000_000; // 16:30 UTC: the first candle opens at 16:00.
      const rows = [0, 1, 2, 3].map((i) => [close + i * 1_800_000, 100 + i, 110 + i, 90 + i, 105 + i]);
      nock(BASE).get('/api/v3/coins/bitcoin/ohlc').query({ vs_currency: 'usd', days: '1' }).reply(200, rows);
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 5 }, fetchContext());
      expect(series.candles).to.deep.equal([
        [1709395200, 100, 111, 90, 106, null],
        [1709398800, 102, 113, 92, 108, null],
      ]);
    });

    it('refuses intervals finer than its 30-minute candles without calling upstream', async () => {
      const error = await providerErrorOf(provider().fetch('ohlcv', { symbol: 'BTC', interval: '5m', limit: 10 }, fetchContext()));
      expect(error.kind).to.equal('unsupported');
      expect(error.message).to.contain('5m');
    });

    itMapsAnswers(ohlcv, [{ title: 'names a short row as schema drift', body: [[1709395200000, 61942, 62211]], error: { kind: 'schema_drift' }, naming: '[0]' }]);

    it('maps "Could not find coin with the given id" (recorded) to unknown_symbol', async () => {
      nock(BASE).get('/api/v3/coins/uponly/ohlc').query(true).reply(404, upstreamFixture('coingecko.error_coin_not_found').body);
      const error = await providerErrorOf(provider({ symbols: { UP: 'uponly' } }).fetch('ohlcv', { symbol: 'UP', interval: '4h', limit: 1 }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
      expect(error.message).to.contain('Could not find coin');
    });
  });

  describe('errors', () => {
    it('maps the HTTP 200 `{}` it answers for an unknown id (recorded) to unknown_symbol', async () => {
      nock(BASE).get('/api/v3/simple/price').query(true).reply(200, upstreamFixture('coingecko.simple_price_unknown_id').body);
      const error = await providerErrorOf(provider({ symbols: { FOO: 'foo-coin' } }).fetch('price', { symbol: 'FOO' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
      expect(error.message).to.contain('foo-coin');
    });

    itRefusesUnmappedSymbols(provider);

    const recorded429 = upstreamFixture('coingecko.error_429');
    itMapsTransportFailures(price, {
      rateLimited: { retryAfterSeconds: 119, body: recorded429.body, headers: recorded429.headers },
      notJson: '<!DOCTYPE html><title>Just a moment...</title>',
    });

    itMapsAnswers(price, [
      { title: 'maps the 429 error body even when served with another status to rate_limited', status: 400, body: recorded429.body, error: { kind: 'rate_limited' } },
      { title: 'names a missing usd field as schema drift', body: { bitcoin: { eur: 60000 } }, error: { kind: 'schema_drift' }, naming: 'bitcoin.usd' },
      { title: 'rejects a timestamp in the far future as insane_value', body: { bitcoin: { usd: 1, last_updated_at: 4_102_444_800 } }, error: { kind: 'insane_value' }, naming: 'last_updated_at' },
    ]);

    itRejectsInsaneValues(price, { what: 'a price', values: [0, -3, 5e9], body: (usd) => ({ bitcoin: { usd } }) });
  });
});
