import { expect } from 'chai';
import { Histogram, Registry } from 'prom-client';
import { mean, quantile, readHistogram, subtractReadings } from '../../../core/metrics/histogram-reading.js';

function histogram(): Histogram<'route' | 'status'> {
  return new Histogram({ name: 'test_duration_seconds', help: 'test', labelNames: ['route', 'status'], buckets: [0.01, 0.1, 1], registers: [new Registry()] });
}

describe('readHistogram', () => {
  it('sums the series of a prom-client histogram by group, with cumulative bucket counts', async () => {
    const metric = histogram();
    for (const seconds of [0.005, 0.05, 0.05, 0.5]) metric.observe({ route: '/a', status: '200' }, seconds);
    metric.observe({ route: '/a', status: '500' }, 2);
    metric.observe({ route: '/b', status: '200' }, 0.005);
    const byRoute = await readHistogram(metric, (labels) => String(labels.route));
    const a = byRoute.get('/a')!;
    expect(a.count).to.equal(5);
    expect(a.sum).to.be.closeTo(2.605, 1e-9);
    expect(a.bounds).to.deep.equal([0.01, 0.1, 1, Infinity]);
    expect(a.cumulative).to.deep.equal([1, 3, 4, 5]);
    expect(byRoute.get('/b')!.cumulative).to.deep.equal([1, 1, 1, 1]);
  });

  it('skips the series the grouping leaves out', async () => {
    const metric = histogram();
    metric.observe({ route: '/a', status: '200' }, 0.05);
    metric.observe({ route: '/a', status: '503' }, 0.05);
    const errors = await readHistogram(metric, (labels) => (String(labels.status).startsWith('5') ? '5xx' : undefined));
    expect([...errors.keys()]).to.deep.equal(['5xx']);
    expect(errors.get('5xx')!.count).to.equal(1);
  });
});

describe('quantile', () => {
  const reading = { count: 100, sum: 10, bounds: [0.01, 0.1, 1, Infinity], cumulative: [50, 90, 100, 100] };

  it('interpolates inside the bucket holding the rank, as histogram_quantile does', () => {
    expect(quantile(reading, 0.5)).to.be.closeTo(0.01, 1e-12);
    expect(quantile(reading, 0.25)).to.be.closeTo(0.005, 1e-12);
    expect(quantile(reading, 0.7)).to.be.closeTo(0.01 + 0.09 * 0.5, 1e-12);
    expect(quantile(reading, 0.95)).to.be.closeTo(0.1 + 0.9 * 0.5, 1e-12);
  });

  it('answers the highest finite bound for a rank in the overflow bucket, and null with no observation', () => {
    expect(quantile({ count: 10, sum: 50, bounds: [0.01, 1, Infinity], cumulative: [0, 5, 10] }, 0.99)).to.equal(1);
    expect(quantile({ count: 0, sum: 0, bounds: [1, Infinity], cumulative: [0, 0] }, 0.5)).to.equal(null);
    expect(mean({ count: 0, sum: 0, bounds: [1, Infinity], cumulative: [0, 0] })).to.equal(null);
  });

  it('reads a window as the difference of two readings', () => {
    const later = { count: 150, sum: 40, bounds: reading.bounds, cumulative: [50, 90, 150, 150] };
    const window = subtractReadings(later, reading);
    expect(window).to.deep.include({ count: 50, sum: 30, cumulative: [0, 0, 50, 50] });
    expect(mean(window)).to.equal(0.6);
    expect(quantile(window, 0.5)).to.be.closeTo(0.55, 1e-12);
  });
});
