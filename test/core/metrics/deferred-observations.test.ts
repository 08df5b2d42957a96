import { expect } from 'chai';
import { Histogram, Registry } from 'prom-client';
import { DeferredObservations } from '../../../core/metrics/deferred-observations.js';

const BUCKETS = [0.001, 0.01, 0.1];

/** Two histograms alike: one fed through DeferredObservations, as the hot request ones are, and one observed directly. */
function histograms(): { deferred: Registry; direct: Registry; pending: DeferredObservations<'route'>; plain: Histogram<'route'> } {
  const [deferred, direct] = [new Registry(), new Registry()];
  const pending = new DeferredObservations<'route'>();
  const fed = new Histogram({
    name: 'test_request_duration_seconds',
    help: 'test',
    labelNames: ['route'],
    buckets: BUCKETS,
    registers: [deferred],
    collect() {
      pending.flush();
    },
  });
  pending.feed(fed);
  const plain = new Histogram({ name: 'test_request_duration_seconds', help: 'test', labelNames: ['route'], buckets: BUCKETS, registers: [direct] });
  return { deferred, direct, pending, plain };
}

describe('DeferredObservations', () => {
  it('shows every observation, by label set and bucket, whenever the histogram is read, as observing directly would', async () => {
    const { deferred, direct, pending, plain } = histograms();
    const observations: Array<[string, number]> = [['/a', 0.0004], ['/a', 0.02], ['/b', 0.5], ['/a', 0.001]];
    for (const [route, seconds] of observations) {
      pending.observe({ route }, seconds);
      plain.observe({ route }, seconds);
    }
    expect(await deferred.metrics()).to.equal(await direct.metrics());
    pending.observe({ route: '/b' }, 0.003);
    plain.observe({ route: '/b' }, 0.003);
    expect(await deferred.metrics(), 'an observation after a read shows at the next read').to.equal(await direct.metrics());
  });

  it('hands over what is pending when it fills up, losing nothing', async () => {
    const { deferred, direct, pending, plain } = histograms();
    for (let index = 0; index < 1_000; index += 1) {
      pending.observe({ route: '/a' }, index / 10_000);
      plain.observe({ route: '/a' }, index / 10_000);
    }
    expect(await deferred.metrics()).to.contain('test_request_duration_seconds_count{route="/a"} 1000');
    expect(await deferred.metrics()).to.equal(await direct.metrics());
  });

  it('refuses a value that is not a finite number at once, as prom-client would, and keeps the rest', async () => {
    const { deferred, pending } = histograms();
    pending.observe({ route: '/a' }, 0.002);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) expect(() => pending.observe({ route: '/a' }, bad)).to.throw(TypeError, 'Value is not a valid number');
    expect(await deferred.metrics()).to.contain('test_request_duration_seconds_count{route="/a"} 1');
  });
});
