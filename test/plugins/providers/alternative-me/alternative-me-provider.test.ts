import { expect } from 'chai';
import nock from 'nock';
import type { FearGreedIndex } from '../../../../core/providers/capability.js';
import alternativeMePlugin from '../../../../plugins/providers/alternative-me/index.js';
import { fetchContext, loadProvider } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRejectsInsaneValues, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.alternative.me';

type Fng = { data: Record<string, unknown>[]; metadata: { error: string | null } };

describe('alternativeMePlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(alternativeMePlugin, overrides);
  const fearGreed = (overrides?: Record<string, unknown>): Promise<FearGreedIndex> =>
    provider(overrides).fetch('fear-greed', {}, fetchContext());
  const call = callsOn(provider);
  const fearGreedCall = call('fear-greed', {}, () => nock(BASE).get('/fng/').query(true));
  const fixtureWith = (change: (body: Fng) => void): Fng => {
    const body = structuredClone(upstreamFixture('alternative_me.fng').body) as Fng;
    change(body);
    return body;
  };

  itDeclaresDefaults('is enabled without a key, serves fear-greed only and caches it for an hour', provider, {
    name: 'Alternative.me', baseUrl: BASE, apiKeyRequired: false, capabilities: ['fear-greed'], cacheTtlMs: { 'fear-greed': 3_600_000 },
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

  itMapsTransportFailures(fearGreedCall, { rateLimited: { retryAfterSeconds: 60, body: 'Too Many Requests' }, notJson: 'value,value_classification\n25,Extreme Fear' });

  itRejectsInsaneValues(fearGreedCall, { what: 'an index', values: ['-1', '101'], body: (value) => fixtureWith((body) => (body.data[0]!.value = value)), naming: 'data[0].value' });

  itMapsAnswers(fearGreedCall, [
    {
      title: 'maps metadata.error to unavailable with its text',
      body: { name: 'Fear and Greed Index', data: [], metadata: { error: 'Service temporarily unavailable' } },
      error: { kind: 'unavailable' },
      naming: 'Service temporarily unavailable',
    },
    { title: 'names a missing field as schema drift', body: fixtureWith((body) => delete body.data[0]!.value_classification), error: { kind: 'schema_drift' }, naming: 'data[0].value_classification' },
    { title: 'reports an empty data list as schema drift', body: fixtureWith((body) => body.data.splice(0)), error: { kind: 'schema_drift' }, naming: '"data"' },
    { title: 'rejects a timestamp before 2009 as insane_value', body: fixtureWith((body) => (body.data[0]!.timestamp = '12')), error: { kind: 'insane_value' }, naming: 'data[0].timestamp' },
  ]);
});
