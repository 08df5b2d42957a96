import { expect } from 'chai';
import nock from 'nock';
import type { PriceQuote } from '../../../../core/providers/capability.js';
import coinCapPlugin from '../../../../plugins/providers/coincap/index.js';
import { capturingLogger, fetchContext, loadProvider, loadProviders, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itNeverLeaksTheKey, itRefusesUnmappedSymbols, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://rest.coincap.io';
const KEY = 'coincap-secret-key-321';
const ENV = { COINCAP_API_KEY: KEY };

type Asset = { data: Record<string, unknown>; timestamp: number };

/** The documented asset body (v2 docs example; v3 keeps the shape, no v3 body was captured). */
const assetBody = (change: (body: Asset) => void = () => undefined): Asset => {
  const body = structuredClone(upstreamFixture('coincap.v2_asset_bitcoin').body) as Asset;
  change(body);
  return body;
};

describe('coinCapPlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>, env: NodeJS.ProcessEnv = ENV): ReturnType<typeof loadProvider> =>
    loadProvider(coinCapPlugin, overrides, env);
  const price = (symbol = 'BTC'): Promise<PriceQuote> => provider().fetch('price', { symbol }, fetchContext());
  const call = callsOn(provider);
  const btcPrice = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/v3/assets/bitcoin'));

  describe('declaration', () => {
    it('is disabled with the reason "COINCAP_API_KEY is not set" when the key is missing, without crashing', async () => {
      const { logger, lines } = capturingLogger();
      const [cc] = loadProviders(coinCapPlugin, { env: {}, logger });
      expect(cc!.disabledReason).to.equal('COINCAP_API_KEY is not set');
      expect(lines.join('')).to.contain('COINCAP_API_KEY is not set');
      const error = await providerErrorOf(cc!.fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('disabled');
      expect(error.message).to.contain('COINCAP_API_KEY is not set');
    });

    itDeclaresDefaults('targets v3 with the key, at weight 5 and priority 7, with CoinCap asset ids', provider, {
      name: 'CoinCap', baseUrl: `${BASE}/v3`, weight: 5, priority: 7, apiKeyEnv: 'COINCAP_API_KEY', apiKeyRequired: true, capabilities: ['price', 'ticker'],
      symbols: { BTC: 'bitcoin', XRP: 'xrp', AVAX: 'avalanche', NEAR: 'near-protocol' },
    });
  });

  describe('price', () => {
    itTellsTimeByTheInjectedClock('an asset answer without its own timestamp', (clock) => {
      nock(BASE).get('/v3/assets/bitcoin').reply(200, assetBody((body) => delete (body as Partial<Asset>).timestamp));
      return loadProviders(coinCapPlugin, { clock, env: ENV })[0]!.fetch('price', { symbol: 'BTC' }, fetchContext());
    });

    it('reads data.priceUsd of /v3/assets/{id}, sending the key as a Bearer header, not in the URL', async () => {
      nock(BASE).matchHeader('authorization', `Bearer ${KEY}`).get('/v3/assets/bitcoin').query({}).reply(200, assetBody());
      expect(await price()).to.deep.equal({ symbol: 'BTC', price: 6931.505855566662, timestamp: 1533581098 });
    });

    it('uses CoinCap ids that differ from CoinGecko ones', async () => {
      nock(BASE).get('/v3/assets/xrp').reply(200, assetBody((body) => (body.data.priceUsd = '0.52')));
      expect((await price('XRP')).price).to.equal(0.52);
    });

    it('accepts JSON numbers as well as numeric strings', async () => {
      nock(BASE).get('/v3/assets/bitcoin').reply(200, assetBody((body) => (body.data.priceUsd = 96243.89)));
      expect((await price()).price).to.equal(96243.89);
    });
  });

  describe('ticker', () => {
    it('states what /assets/{id} gives (price, 24 h change in percent, 24 h USD volume) in one call, null for the rest', async () => {
      nock(BASE).get('/v3/assets/bitcoin').reply(200, assetBody());
      const ticker = await provider().fetch('ticker', { symbol: 'BTC' }, fetchContext());
      expect(ticker).to.deep.equal({
        symbol: 'BTC',
        price: 6931.505855566662,
        bid: null,
        ask: null,
        open24h: null,
        high24h: null,
        low24h: null,
        baseVolume24h: null,
        quoteVolume24h: 2928356777.6066666,
        change24h: null,
        changePercent24h: -0.8101417214350335,
        timestamp: 1533581098,
      });
      expect(nock.pendingMocks()).to.deep.equal([]);
    });
  });

  describe('errors', () => {
    it('maps {"error":"<id> not found"} to unknown_symbol', async () => {
      nock(BASE).get('/v3/assets/nope-coin').reply(404, { error: 'nope-coin not found', timestamp: 1533581098863 });
      const error = await providerErrorOf(provider({ symbols: { NOPE: 'nope-coin' } }).fetch('price', { symbol: 'NOPE' }, fetchContext()));
      expect(error.kind).to.equal('unknown_symbol');
      expect(error.message).to.contain('nope-coin not found');
    });

    itRefusesUnmappedSymbols(provider);

    it('maps the retired v2 notice (recorded) to unavailable, not to a price', async () => {
      nock('https://api.coincap.io').get('/v2/assets/bitcoin').reply(200, upstreamFixture('coincap.v2_deprecated_message').body);
      const error = await providerErrorOf(provider({ baseUrl: 'https://api.coincap.io/v2' }).fetch('price', { symbol: 'BTC' }, fetchContext()));
      expect(error.kind).to.equal('unavailable');
      expect(error.message).to.contain('deprecating this version');
    });

    itMapsAnswers(btcPrice, [
      { title: 'maps a rejected key to unavailable with its reason', status: 401, body: { error: 'Unauthorized' }, error: { kind: 'unavailable', upstreamStatus: 401 } },
      { title: 'names a missing field as schema drift', body: assetBody((body) => delete body.data.priceUsd), error: { kind: 'schema_drift' }, naming: 'data.priceUsd' },
    ]);

    itMapsTransportFailures(btcPrice, { rateLimited: { retryAfterSeconds: 12, body: { error: 'Too many requests' } } });

    itRejectsInsaneValues(btcPrice, { what: 'a price', values: ['0', '-2', '12000000000'], body: (priceUsd) => assetBody((body) => (body.data.priceUsd = priceUsd)) });

    itNeverLeaksTheKey({
      plugin: coinCapPlugin,
      keyEnv: 'COINCAP_API_KEY',
      key: KEY,
      fetch: (cc) => cc.fetch('price', { symbol: 'BTC' }, fetchContext()),
      upstream: btcPrice.upstream,
      answers: [
        [401, { error: 'Unauthorized' }, 'unavailable'],
        [503, 'down', 'unavailable'],
        [200, assetBody((body) => delete body.data.priceUsd), 'schema_drift'],
      ],
    });
  });
});
