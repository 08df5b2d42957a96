import { expect } from 'chai';
import nock from 'nock';
import type { FearGreedIndex } from '../../../../core/providers/capability.js';
import alternativeMePlugin from '../../../../plugins/providers/alternative-me/index.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.alternative.me';

type Fng = { data: Record<string, unknown>[]; metadata: { error: string | null } };

describe('AlternativeMeProvider', () => {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(alternativeMePlugin, overrides);
  const fearGreed = (overrides?: Record<string, unknown>): Promise<FearGreedIndex> =>
    provider(overrides).fetch('fear-greed', {}, fetchContext());
  const fixtureWith = (change: (body: Fng) => void): Fng => {
    const body = structuredClone(upstreamFixture('alternative_me.fng').body) as Fng;
    change(body);
    return body;
  };

  it('is enabled without a key, serves fear-greed only and caches it for an hour', () => {
    const fng = provider();
    expect(fng.disabledReason).to.equal(null);
    expect(fng.declaration).to.include({ name: 'Alternative.me', baseUrl: BASE, apiKeyRequired: false });
    expect(fng.declaration.capabilities).to.deep.equal(['fear-greed']);
    expect(fng.declaration.cacheTtlMs['fear-greed']).to.equal(3_600_000);
  });

  it('reads the latest value of /fng/?limit=1, turning its strings into numbers', async () => {
    nock(BASE).get('/fng/').query({ limit: '1' }).reply(200, upstreamFixture('alternative_me.fng').body);
    expect(await fearGreed()).to.deep.equal({ value: 25, classification: 'Extreme Fear', timestamp: 1639958400 });
  });

  it('takes the newest entry when the answer holds several', async () => {
    const older = { value: '40', value_classification: 'Fear', timestamp: '1639872000' };
    nock(BASE).get('/fng/').query(true).reply(200, fixtureWith((body) => body.data.push(older)));
    expect((await fearGreed()).value).to.equal(25);
  });

  it('uses a configured base URL', async () => {
    nock('http://mirror.test').get('/alt/fng/').query(true).reply(200, upstreamFixture('alternative_me.fng').body);
    expect((await fearGreed({ baseUrl: 'http://mirror.test/alt' })).value).to.equal(25);
  });

  it('maps metadata.error to unavailable with its text', async () => {
    nock(BASE).get('/fng/').query(true).reply(200, { name: 'Fear and Greed Index', data: [], metadata: { error: 'Service temporarily unavailable' } });
    const error = await providerErrorOf(fearGreed());
    expect(error.kind).to.equal('unavailable');
    expect(error.message).to.contain('Service temporarily unavailable');
  });

  it('maps HTTP 429 to rate_limited with Retry-After', async () => {
    nock(BASE).get('/fng/').query(true).reply(429, 'Too Many Requests', { 'retry-after': '60' });
    const error = await providerErrorOf(fearGreed());
    expect(error.kind).to.equal('rate_limited');
    expect(error.retryAfterMs).to.equal(60_000);
  });

  it('maps HTTP 500 to unavailable', async () => {
    nock(BASE).get('/fng/').query(true).reply(500, 'oops');
    const error = await providerErrorOf(fearGreed());
    expect(error.kind).to.equal('unavailable');
    expect(error.upstreamStatus).to.equal(500);
  });

  it('maps a non-JSON body to malformed_body', async () => {
    nock(BASE).get('/fng/').query(true).reply(200, 'value,value_classification\n25,Extreme Fear');
    expect((await providerErrorOf(fearGreed())).kind).to.equal('malformed_body');
  });

  it('names a missing field as schema drift', async () => {
    nock(BASE).get('/fng/').query(true).reply(200, fixtureWith((body) => delete body.data[0]!.value_classification));
    const error = await providerErrorOf(fearGreed());
    expect(error.kind).to.equal('schema_drift');
    expect(error.message).to.contain('data[0].value_classification');
  });

  it('reports an empty data list as schema drift', async () => {
    nock(BASE).get('/fng/').query(true).reply(200, fixtureWith((body) => body.data.splice(0)));
    const error = await providerErrorOf(fearGreed());
    expect(error.kind).to.equal('schema_drift');
    expect(error.message).to.contain('"data"');
  });

  for (const value of ['-1', '101']) {
    it(`rejects an index of ${value} as insane_value`, async () => {
      nock(BASE).get('/fng/').query(true).reply(200, fixtureWith((body) => (body.data[0]!.value = value)));
      const error = await providerErrorOf(fearGreed());
      expect(error.kind).to.equal('insane_value');
      expect(error.message).to.contain('data[0].value');
    });
  }

  it('rejects a timestamp before 2009 as insane_value', async () => {
    nock(BASE).get('/fng/').query(true).reply(200, fixtureWith((body) => (body.data[0]!.timestamp = '12')));
    const error = await providerErrorOf(fearGreed());
    expect(error.kind).to.equal('insane_value');
    expect(error.message).to.contain('data[0].timestamp');
  });
});
