import { expect } from 'chai';
import { Histogram, Registry } from 'prom-client';
import { readHistogram } from '../../../core/metrics/histogram-reading.js';
import { TalliedHistogram } from '../../../core/metrics/tallied-histogram.js';

const BUCKETS = [0.001, 0.01, 0.1];
const NAME = 'test_request_duration_seconds';

/** Two histograms alike: a TalliedHistogram, as the hot request ones are, and a plain one observed directly, each in its own registry. */
function histograms(): { tallied: TalliedHistogram<'route'>; plain: Histogram<'route'>; talliedRegistry: Registry; plainRegistry: Registry } {
  const [talliedRegistry, plainRegistry] = [new Registry(), new Registry()];
  const tallied = new TalliedHistogram({ name: NAME, help: 'test', labelNames: ['route'], buckets: BUCKETS, registers: [talliedRegistry] });
  const plain = new Histogram({ name: NAME, help: 'test', labelNames: ['route'], buckets: BUCKETS, registers: [plainRegistry] });
  return { tallied, plain, talliedRegistry, plainRegistry };
}

describe('TalliedHistogram', () => {
  it('exposes tallied observations, by series and bucket, exactly as observing them directly would', async () => {
    const { tallied, plain, talliedRegistry, plainRegistry } = histograms();
    const observations: Array<[string, number]> = [['/a', 0.0004], ['/a', 0.02], ['/b', 0.5], ['/a', 0.001], ['/b', 0.003]];
    for (const [route, seconds] of observations) {
      tallied.tally(tallied.seriesOf({ route }), seconds);
      plain.observe({ route }, seconds);
    }
    expect(await talliedRegistry.metrics()).to.contain(`${NAME}_bucket{le="0.001",route="/a"} 2`);
    expect(await talliedRegistry.metrics()).to.equal(await plainRegistry.metrics());
    tallied.tally(tallied.seriesOf({ route: '/b' }), 0.2);
    plain.observe({ route: '/b' }, 0.2);
    expect(await talliedRegistry.metrics(), 'an observation after a read shows at the next read').to.equal(await plainRegistry.metrics());
  });

  it('adds tallies to the same series observed through prom-client, and keeps the series apart', async () => {
    const { tallied, plain, talliedRegistry, plainRegistry } = histograms();
    tallied.observe({ route: '/a' }, 0.5);
    plain.observe({ route: '/a' }, 0.5);
    for (const [route, seconds] of [['/a', 0.25], ['/c', 0.0625], ['/a', 0.0009765625]] as const) {
      tallied.tally(tallied.seriesOf({ route }), seconds);
      plain.observe({ route }, seconds);
    }
    expect(await talliedRegistry.metrics()).to.contain(`${NAME}_count{route="/a"} 3`);
    expect(await talliedRegistry.metrics()).to.equal(await plainRegistry.metrics());
  });

  it('reads the same through get(), as the status reads it', async () => {
    const { tallied, plain } = histograms();
    for (const seconds of [0.0005, 0.05, 2]) {
      tallied.tally(tallied.seriesOf({ route: '/a' }), seconds);
      plain.observe({ route: '/a' }, seconds);
    }
    const [mine, theirs] = await Promise.all([readHistogram(tallied, () => 'all'), readHistogram(plain, () => 'all')]);
    expect(mine.get('all')).to.deep.equal(theirs.get('all'));
    expect(mine.get('all')?.count).to.equal(3);
  });

  it('gives one tally per series, whatever the order its labels are named in', () => {
    const { tallied } = histograms();
    const other = new TalliedHistogram({ name: 'two_labels', help: 'test', labelNames: ['a', 'b'], buckets: BUCKETS, registers: [] });
    expect(other.seriesOf({ a: '1', b: '2' })).to.equal(other.seriesOf({ b: '2', a: '1' }));
    expect(tallied.seriesOf({ route: '/a' })).to.not.equal(tallied.seriesOf({ route: '/b' }));
  });

  it('refuses a value that is not a finite number at once, as prom-client would, and keeps the rest', async () => {
    const { tallied, talliedRegistry } = histograms();
    const series = tallied.seriesOf({ route: '/a' });
    tallied.tally(series, 0.002);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) expect(() => tallied.tally(series, bad)).to.throw(TypeError, 'Value is not a valid number');
    expect(await talliedRegistry.metrics()).to.contain(`${NAME}_count{route="/a"} 1`);
    expect(await talliedRegistry.metrics()).to.contain(`${NAME}_sum{route="/a"} 0.002`);
  });

  it('forgets its tallies on reset, as prom-client forgets its observations, and goes on tallying into the same series', async () => {
    const { tallied, talliedRegistry } = histograms();
    const series = tallied.seriesOf({ route: '/a' });
    tallied.tally(series, 0.002);
    tallied.observe({ route: '/b' }, 0.002);
    tallied.reset();
    expect(await talliedRegistry.metrics()).to.not.contain('route=');
    tallied.tally(series, 0.02);
    expect(await talliedRegistry.metrics()).to.contain(`${NAME}_count{route="/a"} 1`);
  });
});
