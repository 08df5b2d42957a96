import { expect } from 'chai';
import nock from 'nock';
import type { PriceQuote } from '../../../../core/providers/capability.js';
import type { MarketProvider } from '../../../../core/providers/market-provider.js';
import httpJsonPlugin from '../../../../plugins/providers/http-json/index.js';
import { fetchContext, loadProviders, providerErrorOf, type ProviderLoadOptions } from '../../../helpers/aggregator-harness.js';
import { callsOn, failureOf, itMapsTransportFailures, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.myex.example';
const TS = 1_712_508_571;

/** A provider declared purely in config, as an operator would write it in config/local.json. */
function myex(price: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): MarketProvider {
  const providers = loadProviders(httpJsonPlugin, {
    options: withProviders({
      myex: {
        baseUrl: BASE,
        symbols: { BTC: 'btc-usd', ETH: 'eth/usd' },
        endpoints: { price: { path: '/api/v1/ticker/{symbol}', pricePointer: '/data/last', timestampPointer: '/data/ts', timestampUnit: 's', ...price } },
        ...extra,
      },
    }),
  });
  return providers[0]!;
}

/** The http-json plugin's options with these providers. */
function withProviders(providers: Record<string, unknown>): ProviderLoadOptions['options'] {
  return { 'http-json': { providers } };
}

const priceOf = (provider: MarketProvider, symbol = 'BTC'): Promise<PriceQuote> => provider.fetch('price', { symbol }, fetchContext());
const call = callsOn(myex);
const btcPrice = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/api/v1/ticker/btc-usd'));

describe('httpJsonCapabilities', () => {
  useNock();

  describe('price', () => {
    it('GETs the path with {symbol} replaced and reads the value and time at their pointers', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: '67187.33', ts: TS } });
      expect(await priceOf(myex())).to.deep.equal({ symbol: 'BTC', price: 67187.33, timestamp: TS });
    });

    it('URL-encodes the mapped symbol', async () => {
      nock(BASE).get('/api/v1/ticker/eth%2Fusd').reply(200, { data: { last: 3100.5, ts: TS } });
      expect((await priceOf(myex(), 'ETH')).price).to.equal(3100.5);
    });

    it('reads a real upstream declared only in config (Coinbase v2 spot, documented body), stamping it with the call time', async () => {
      nock('https://api.coinbase.com').get('/v2/prices/BTC-USD/spot').reply(200, upstreamFixture('coinbase.v2_spot_price').body);
      const coinbase = loadProviders(httpJsonPlugin, {
        options: withProviders({ cbspot: { baseUrl: 'https://api.coinbase.com/v2', symbols: { BTC: 'BTC-USD' }, endpoints: { price: { path: '/prices/{symbol}/spot', pricePointer: '/data/amount' } } } }),
      })[0]!;
      const before = Math.floor(Date.now() / 1000);
      const quote = await priceOf(coinbase);
      expect(quote.price).to.equal(48691.23);
      expect(quote.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    itTellsTimeByTheInjectedClock('an answer without timestampPointer', (clock) => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: '67187.33' } });
      const options = withProviders({ myex: { baseUrl: BASE, symbols: { BTC: 'btc-usd' }, endpoints: { price: { path: '/api/v1/ticker/{symbol}', pricePointer: '/data/last' } } } });
      return priceOf(loadProviders(httpJsonPlugin, { options, clock })[0]!);
    });

    it('keeps a query string in the path', async () => {
      nock(BASE).get('/quote').query({ pair: 'btc-usd', fmt: 'json' }).reply(200, [{ p: 1.25, t: TS * 1000 }]);
      const quote = await priceOf(myex({ path: '/quote?pair={symbol}&fmt=json', pricePointer: '/0/p', timestampPointer: '/0/t', timestampUnit: 'ms' }));
      expect(quote).to.deep.equal({ symbol: 'BTC', price: 1.25, timestamp: TS });
    });

    it('reads an ISO-8601 timestamp', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: 1, ts: '2024-04-07T16:49:31.736Z' } });
      expect((await priceOf(myex({ timestampUnit: undefined }))).timestamp).to.equal(TS);
    });
  });

  describe('ticker', () => {
    it('reads every ticker field at its pointer', async () => {
      const ticker = { path: '/stats/{symbol}', pricePointer: '/last', highPointer: '/h', lowPointer: '/l', volumePointer: '/v', changePercentPointer: '/chg', timestampPointer: '/t' };
      nock(BASE).get('/stats/btc-usd').reply(200, { last: '70187', h: '70215', l: 68060, v: '287150.1', chg: '-1.5', t: TS });
      const provider = myex({}, { endpoints: { price: { path: '/p/{symbol}', pricePointer: '/p' }, ticker } });
      expect(await provider.fetch('ticker', { symbol: 'BTC' }, fetchContext())).to.deep.equal({
        symbol: 'BTC',
        price: 70187,
        bid: null,
        ask: null,
        open24h: null,
        high24h: 70215,
        low24h: 68060,
        baseVolume24h: 287150.1,
        quoteVolume24h: null,
        change24h: null,
        changePercent24h: -1.5,
        timestamp: TS,
      });
    });

    it('answers a null change when no changePercentPointer is configured', async () => {
      const ticker = { path: '/stats/{symbol}', pricePointer: '/last', highPointer: '/h', lowPointer: '/l', volumePointer: '/v' };
      nock(BASE).get('/stats/btc-usd').reply(200, { last: 2, h: 3, l: 1, v: 0 });
      const provider = myex({}, { endpoints: { price: { path: '/p/{symbol}', pricePointer: '/p' }, ticker } });
      expect((await provider.fetch('ticker', { symbol: 'BTC' }, fetchContext())).changePercent24h).to.equal(null);
    });

    it('does not serve a capability it has no endpoint for', async () => {
      const error = await providerErrorOf(myex().fetch('ticker', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('unsupported');
    });
  });

  describe('bad answers', () => {
    it('reports a missing value as schema drift naming the pointer', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { price: 1, ts: TS } });
      const error = await failureOf(btcPrice);
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"/data/last"');
    });

    it('reports a non-numeric value as schema drift naming the pointer and the value', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: 'n/a', ts: TS } });
      const error = await failureOf(btcPrice);
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"/data/last"').and.to.contain('"n/a"');
    });

    it('reports an object where a number belongs as schema drift', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: { value: 1 }, ts: TS } });
      expect((await failureOf(btcPrice)).kind).to.equal('schema_drift');
    });

    it('reports an unreadable timestamp as schema drift naming its pointer', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: 1, ts: 'yesterday' } });
      const error = await failureOf(btcPrice);
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('"/data/ts"');
    });

    itRejectsInsaneValues(btcPrice, { what: 'a price', values: [0, -5, 1e9], body: (last) => ({ data: { last, ts: TS } }), naming: '/data/last' });

    it('rejects a timestamp in the wrong unit as insane_value', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(200, { data: { last: 1, ts: TS } });
      const error = await providerErrorOf(priceOf(myex({ timestampUnit: 'ms' })));
      expect(error.kind).to.equal('insane_value');
    });

    it('answers unknown_symbol for an unmapped ticker without calling upstream, and for HTTP 404', async () => {
      nock(BASE).get('/api/v1/ticker/btc-usd').reply(404, { error: 'no such market' });
      expect((await providerErrorOf(priceOf(myex(), 'SOL'))).kind).to.equal('unknown_symbol');
      expect((await failureOf(btcPrice)).kind).to.equal('unknown_symbol');
    });

    itMapsTransportFailures(btcPrice, {
      rateLimited: { retryAfterSeconds: 7, body: 'slow down' },
      unavailable: [
        [500, 'oops'],
        [400, { error: 'bad request' }],
      ],
    });

    it('refuses to call upstream when disabled in config', async () => {
      const error = await providerErrorOf(priceOf(myex({}, { enabled: false })));
      expect(error.kind).to.equal('disabled');
    });
  });
});
