import { expect } from 'chai';
import type { Candle } from '../../../../core/providers/capability.js';
import { mergeCandles } from '../../../../plugins/providers/coinbase/merge-candles.js';

const DAY = 1710288000;

describe('mergeCandles (coinbase)', () => {
  it('merges into epoch-aligned buckets: first open, max high, min low, last close, summed volume', () => {
    const candles: Candle[] = [
      [DAY, 10, 12, 9, 11, 1],
      [DAY + 3600, 11, 15, 10, 14, 2],
      [DAY + 7200, 14, 14, 8, 9, 3],
    ];
    expect(mergeCandles(candles, 7200)).to.deep.equal([
      [DAY, 10, 15, 9, 14, 3],
      [DAY + 7200, 14, 14, 8, 9, 3],
    ]);
  });

  it('keeps a bucket with a gap (no trades), but drops one that starts before the first candle', () => {
    const candles: Candle[] = [
      [DAY + 3600, 1, 2, 1, 2, 1],
      [DAY + 7200, 2, 3, 2, 3, 1],
      [DAY + 14_400 + 3600, 3, 4, 3, 4, 1],
    ];
    expect(mergeCandles(candles, 7200)).to.deep.equal([
      [DAY + 7200, 2, 3, 2, 3, 1],
      [DAY + 14_400, 3, 4, 3, 4, 1],
    ]);
  });

  it('keeps an unknown volume unknown and returns nothing for nothing', () => {
    expect(mergeCandles([[DAY, 1, 1, 1, 1, null], [DAY + 60, 1, 1, 1, 1, 2]], 120)).to.deep.equal([[DAY, 1, 1, 1, 1, null]]);
    expect(mergeCandles([], 120)).to.deep.equal([]);
  });
});
