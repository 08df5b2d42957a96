import { createServer } from 'node:net';
import { expect } from 'chai';
import nock from 'nock';
import type { GasPrices } from '../../../../core/providers/capability.js';
import etherscanPlugin from '../../../../plugins/providers/etherscan/index.js';
import { capturingLogger, fetchContext, loadProvider, loadProviders, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.etherscan.io';
const KEY = 'ES-secret-key-789';
const ENV = { ETHERSCAN_API_KEY: KEY };
const GAS_QUERY = { chainid: '1', module: 'gastracker', action: 'gasoracle', apikey: KEY };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Oracle = { status: string; result: Record<string, string> };

describe('EtherscanProvider', () => {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  const provider = (overrides?: Record<string, unknown>, env: NodeJS.ProcessEnv = ENV): ReturnType<typeof loadProvider> =>
    loadProvider(etherscanPlugin, overrides, env);
  const gas = (overrides?: Record<string, unknown>): Promise<GasPrices> =>
    provider(overrides).fetch('gas', {}, fetchContext());

  describe('declaration', () => {
    it('is disabled with the reason "ETHERSCAN_API_KEY is not set" when the key is missing, and never calls upstream', async () => {
      const { logger, lines } = capturingLogger();
      const [es] = loadProviders(etherscanPlugin, { env: {}, logger });
      expect(es!.disabledReason).to.equal('ETHERSCAN_API_KEY is not set');
      expect(lines.join('')).to.contain('ETHERSCAN_API_KEY is not set');
      const error = await providerErrorOf(es!.fetch('gas', {}, fetchContext()));
      expect(error.kind).to.equal('disabled');
    });

    it('is enabled with the key and declares gas only, at the free tier of 3 calls/s', () => {
      const es = provider();
      expect(es.disabledReason).to.equal(null);
      expect(es.declaration).to.include({ name: 'Etherscan', baseUrl: BASE, apiKeyEnv: 'ETHERSCAN_API_KEY', apiKeyRequired: true });
      expect(es.declaration.capabilities).to.deep.equal(['gas']);
      expect(es.declaration.rateLimit).to.include({ requests: 3, windowMs: 1_000 });
    });
  });

  describe('gas', () => {
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
    it('maps the in-body "Max rate limit reached" (HTTP 200, docs) to rate_limited after one second', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, upstreamFixture('etherscan.error_rate_limited').body);
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfterMs).to.equal(1_000);
      expect(error.message).to.contain('Max rate limit reached');
    });

    it('leaves the wait after a daily quota to the declared back-off', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, { status: '0', message: 'NOTOK', result: 'Max daily rate limit reached. 100000 (100%) of Total Daily Limit' });
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfterMs).to.equal(undefined);
    });

    it('waits the documented 30 s after "Too many invalid api key attempts"', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, { status: '0', message: 'NOTOK', result: 'Too many invalid api key attempts, please try again later' });
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfterMs).to.equal(30_000);
    });

    it('maps the V1 deprecation and an invalid key to unavailable with the reason', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, upstreamFixture('etherscan.error_v1_deprecated').body);
      nock(BASE).get('/v2/api').query(true).reply(200, { status: '0', message: 'NOTOK', result: 'Invalid API Key' });
      const es = provider();
      const deprecated = await providerErrorOf(es.fetch('gas', {}, fetchContext()));
      const invalid = await providerErrorOf(es.fetch('gas', {}, fetchContext()));
      expect([deprecated.kind, invalid.kind]).to.deep.equal(['unavailable', 'unavailable']);
      expect(deprecated.message).to.contain('deprecated V1 endpoint');
      expect(invalid.message).to.contain('Invalid API Key');
    });

    it('maps HTTP 429 to rate_limited with Retry-After', async () => {
      nock(BASE).get('/v2/api').query(true).reply(429, 'Too Many Requests', { 'retry-after': '5' });
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('rate_limited');
      expect(error.retryAfterMs).to.equal(5_000);
    });

    it('maps HTTP 500 to unavailable', async () => {
      nock(BASE).get('/v2/api').query(true).reply(500, 'oops');
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('unavailable');
      expect(error.upstreamStatus).to.equal(500);
    });

    it('maps a non-JSON body to malformed_body', async () => {
      nock(BASE).get('/v2/api').query(true).reply(200, '<html>502 Bad Gateway</html>');
      expect((await providerErrorOf(gas())).kind).to.equal('malformed_body');
    });

    it('names a missing field as schema drift', async () => {
      const body = structuredClone(upstreamFixture('etherscan.gasoracle').body) as Oracle;
      delete body.result.ProposeGasPrice;
      nock(BASE).get('/v2/api').query(true).reply(200, body);
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('result.ProposeGasPrice');
    });

    it('names a non-numeric field as schema drift', async () => {
      const body = structuredClone(upstreamFixture('etherscan.gasoracle').body) as Oracle;
      body.result.FastGasPrice = 'fast';
      nock(BASE).get('/v2/api').query(true).reply(200, body);
      const error = await providerErrorOf(gas());
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.contain('result.FastGasPrice');
    });

    for (const [price, why] of [['-1', 'a negative'], ['5000000', 'an absurdly high']] as const) {
      it(`rejects ${why} gas price as insane_value`, async () => {
        const body = structuredClone(upstreamFixture('etherscan.gasoracle').body) as Oracle;
        body.result.SafeGasPrice = price;
        nock(BASE).get('/v2/api').query(true).reply(200, body);
        const error = await providerErrorOf(gas());
        expect(error.kind).to.equal('insane_value');
        expect(error.message).to.contain('SafeGasPrice');
      });
    }

    it('never puts the API key in error messages or logs', async () => {
      const { logger, lines } = capturingLogger();
      nock(BASE).get('/v2/api').query(true).reply(200, upstreamFixture('etherscan.error_rate_limited').body);
      nock(BASE).get('/v2/api').query(true).reply(503, 'down');
      nock(BASE).get('/v2/api').query(true).reply(200, 'not json');
      const es = provider();
      for (let call = 0; call < 3; call++) logger.warn({ err: await providerErrorOf(es.fetch('gas', {}, fetchContext())) }, 'provider call failed');
      // The key travels in the query string here, so a refused connection must not leak the URL either.
      const refused = provider({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
      const connectionError = await providerErrorOf(refused.fetch('gas', {}, fetchContext()));
      expect(connectionError.kind).to.equal('unavailable');
      logger.warn({ err: connectionError }, 'provider call failed');
      expect(lines).to.have.length(4);
      for (const line of lines) expect(line).not.to.contain(KEY);
    });
  });
});
