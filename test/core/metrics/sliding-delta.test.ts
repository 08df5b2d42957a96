import { expect } from 'chai';
import { SlidingDelta } from '../../../core/metrics/sliding-delta.js';

describe('SlidingDelta', () => {
  it('compares with the first reading until one is a window old, then with the newest such reading', () => {
    const delta = new SlidingDelta<number>(60_000, 5_000);
    expect(delta.observe(0, 0)).to.deep.equal({ at: 0, reading: 0 });
    expect(delta.observe(30_000, 30)).to.deep.equal({ at: 0, reading: 0 });
    expect(delta.observe(65_000, 65)).to.deep.equal({ at: 0, reading: 0 });
    expect(delta.observe(95_000, 95)).to.deep.equal({ at: 30_000, reading: 30 });
    expect(delta.observe(200_000, 200)).to.deep.equal({ at: 95_000, reading: 95 });
  });

  it('keeps at most one reading per step, so frequent readers do not grow it', () => {
    const delta = new SlidingDelta<number>(60_000, 5_000);
    for (let at = 0; at <= 120_000; at += 100) delta.observe(at, at);
    expect(delta.observe(120_000, 120_000).at).to.equal(60_000);
    expect((delta as unknown as { kept: unknown[] }).kept.length).to.be.at.most(14);
  });
});
