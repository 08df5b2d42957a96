import { expect } from 'chai';
import nock from 'nock';
import type { GasPrices } from '../../../../core/providers/capability.js';
import etherscanPlugin from '../../../../plugins/providers/etherscan/index.js';
import { capturingLogger, fetchContext, loadProvider, loadProviders, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itNeverLeaksTheKey, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.etherscan.io';
const KEY = 'ES-secret-key-789';
const ENV = { ETHERSCAN_API_KEY: KEY };
const GAS_QUERY = { chainid: '1', module: 'gastracker', action: 'gasoracle', apikey: KEY };

type Oracle = { status: string; result: Record<string, string> };

/** The documented gas oracle body with `change` applied to a copy of its result. */
function oracleWith(change: (result: Record<string, string>) => void): Oracle {
  const body = structuredClone(upstreamFixture('etherscan.gasoracle').body) as Oracle;
  change(body.result);
  return body;
}

/** Etherscan's in-body refusal, sent with HTTP 200. */
const notOk = (result: string): { status: string; message: string; result: string } => ({ status: '0', message: 'NOTOK', result });

describe('etherscanPlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>, env: NodeJS.ProcessEnv = ENV): ReturnType<typeof loadProvider> =>
    loadProvider(etherscanPlugin, overrides, env);
  const gas = (overrides?: Record<string, unknown>): Promise<GasPrices> =>
    provider(overrides).fetch('gas', {}, fetchContext());
  const call = callsOn(provider);
  const gasCall = call('gas', {}, () => nock(BASE).get('/v2/api').query(true));

  describe('declaration', () => {
    it('is disabled with the reason "ETHERSCAN_API_KEY is not set" when the key is missing, and never calls upstream', async () => {
      const { logger, lines } = capturingLogger();
      const [es] = loadProviders(etherscanPlugin, { env: {}, logger });
      expect(es!.disabledReason).to.equal('ETHERSCAN_API_KEY is not set');
      expect(lines.join('')).to.contain('ETHERSCAN_API_KEY is not set');
      const error = await providerErrorOf(es!.fetch('gas', {}, fetchContext()));
      expect(error.kind).to.equal('disabled');
    });

    itDeclaresDefaults('is enabled with the key and declares gas only, at the free tier of 3 calls/s', provider, {
      name: 'Etherscan', baseUrl: BASE, apiKeyEnv: 'ETHERSCAN_API_KEY', apiKeyRequired: true, capabilities: ['gas'], rateLimit: { requests: 3, windowMs: 1_000 },
    });
  });

  describe('gas', () => {
    itTellsTimeByTheInjectedClock('its gas prices (the oracle carries no time)', (clock) => {
      nock(BASE).get('/v2/api').query(GAS_QUERY).reply(200, upstreamFixture('etherscan.gasoracle').body);
      return loadProviders(etherscanPlugin, { clock, env: ENV })[0]!.fetch('gas', {}, fetchContext());
    });

    it('asks API V2 for chain 1 with the key and reads the oracle (docs body)', async () => {
      nock(BASE).get('/v2/api').query(GAS_QUERY).reply(200, upstreamFixture('etherscan.gasoracle').body);
      const before = Math.floor(Date.now() / 1000);
      const prices = await gas();
      expect(prices).to.deep.include({ safe: 20, propose: 22, fast: 24, baseFee: 19.230609716 });
      expect(prices.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    it('reads the recorded V1-era body, whose message is "OK-..." rather than "OK"', async () => {
      nock(BASE).get('/v2/api').query(GAS_QUERY).reply(200, upstreamFixture('etherscan.gasoracle_keyless_legacy').body);
      expect(await gas()).to.deep.include({ safe: 13, propose: 14, fast: 14, baseFee: 12.086368893 });
    });

    it('accepts sub-gwei prices and a missing base fee', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, { status: '1', message: 'OK', result: { SafeGasPrice: '0.496839934', ProposeGasPrice: '0.5', FastGasPrice: '0.61' } });
      expect(await gas()).to.deep.include({ safe: 0.496839934, propose: 0.5, fast: 0.61, baseFee: null });
    });

    it('uses a configured base URL', async () => {
      nock('http://mirror.test').get('/es/v2/api').query(true).reply(200, upstreamFixture('etherscan.gasoracle').body);
      expect((await gas({ baseUrl: 'http://mirror.test/es' })).fast).to.equal(24);
    });
  });

  describe('errors', () => {
    itMapsAnswers(gasCall, [
      {
        title: 'maps the in-body "Max rate limit reached" (HTTP 200, docs) to rate_limited after one second',
        body: upstreamFixture('etherscan.error_rate_limited').body,
        error: { kind: 'rate_limited', retryAfterMs: 1_000 },
        naming: 'Max rate limit reached',
      },
      {
        title: 'leaves the wait after a daily quota to the declared back-off',
        body: notOk('Max daily rate limit reached. 100000 (100%) of Total Daily Limit'),
        error: { kind: 'rate_limited', retryAfterMs: undefined },
      },
      {
        title: 'waits the documented 30 s after "Too many invalid api key attempts"',
        body: notOk('Too many invalid api key attempts, please try again later'),
        error: { kind: 'rate_limited', retryAfterMs: 30_000 },
      },
      { title: 'names a missing field as schema drift', body: oracleWith((result) => delete result.ProposeGasPrice), error: { kind: 'schema_drift' }, naming: 'result.ProposeGasPrice' },
      { title: 'names a non-numeric field as schema drift', body: oracleWith((result) => (result.FastGasPrice = 'fast')), error: { kind: 'schema_drift' }, naming: 'result.FastGasPrice' },
    ]);

    it('maps the V1 deprecation and an invalid key to unavailable with the reason', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, upstreamFixture('etherscan.error_v1_deprecated').body);
      nock(BASE).get('/v2/api').query(true).reply(200, notOk('Invalid API Key'));
      const es = provider();
      const deprecated = await providerErrorOf(es.fetch('gas', {}, fetchContext()));
      const invalid = await providerErrorOf(es.fetch('gas', {}, fetchContext()));
      expect([deprecated.kind, invalid.kind]).to.deep.equal(['unavailable', 'unavailable']);
      expect(deprecated.message).to.contain('deprecated V1 endpoint');
      expect(invalid.message).to.contain('Invalid API Key');
    });

    itMapsTransportFailures(gasCall, { rateLimited: { retryAfterSeconds: 5, body: 'Too Many Requests' }, notJson: '<html>502 Bad Gateway</html>' });

    itRejectsInsaneValues(gasCall, { what: 'a safe gas price', values: ['-1', '5000000'], body: (price) => oracleWith((result) => (result.SafeGasPrice = price)), naming: 'SafeGasPrice' });

    itNeverLeaksTheKey({
      plugin: etherscanPlugin,
      keyEnv: 'ETHERSCAN_API_KEY',
      key: KEY,
      fetch: (es) => es.fetch('gas', {}, fetchContext()),
      upstream: gasCall.upstream,
      answers: [
        [200, upstreamFixture('etherscan.error_rate_limited').body, 'rate_limited'],
        [503, 'down', 'unavailable'],
        [200, 'not json', 'malformed_body'],
      ],
    });
  });
});
