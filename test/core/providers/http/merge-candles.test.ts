import { expect } from 'chai';
import type { Candle } from '../../../../core/providers/capability.js';
import { mergeCandles } from '../../../../core/providers/http/merge-candles.js';

const DAY = 1710288000;
const HOUR = 3600;

describe('mergeCandles', () => {
  describe('exchange candles (periods without trades are skipped)', () => {
    it('merges into epoch-aligned buckets: first open, max high, min low, last close, summed volume', () => {
      const candles: Candle[] = [
        [DAY, 10, 12, 9, 11, 1],
        [DAY + HOUR, 11, 15, 10, 14, 2],
        [DAY + 2 * HOUR, 14, 14, 8, 9, 3],
      ];
      expect(mergeCandles(candles, { widthSeconds: 2 * HOUR })).to.deep.equal([
        [DAY, 10, 15, 9, 14, 3],
        [DAY + 2 * HOUR, 14, 14, 8, 9, 3],
      ]);
    });

    it('keeps a bucket with a gap (no trades), but drops one that starts before the first candle', () => {
      const candles: Candle[] = [
        [DAY + HOUR, 1, 2, 1, 2, 1],
        [DAY + 2 * HOUR, 2, 3, 2, 3, 1],
        [DAY + 5 * HOUR, 3, 4, 3, 4, 1],
      ];
      expect(mergeCandles(candles, { widthSeconds: 2 * HOUR })).to.deep.equal([
        [DAY + 2 * HOUR, 2, 3, 2, 3, 1],
        [DAY + 4 * HOUR, 3, 4, 3, 4, 1],
      ]);
    });

    it('keeps an unknown volume unknown and returns nothing for nothing', () => {
      expect(mergeCandles([[DAY, 1, 1, 1, 1, null], [DAY + 60, 1, 1, 1, 1, 2]], { widthSeconds: 120 })).to.deep.equal([[DAY, 1, 1, 1, 1, null]]);
      expect(mergeCandles([], { widthSeconds: 120 })).to.deep.equal([]);
    });
  });

  describe('aggregator candles (one for every period, nativeSeconds given)', () => {
    const halfHours = (...slots: number[]): Candle[] => slots.map((slot): Candle => [DAY + slot * 1800, 100 + slot, 110 + slot, 90 + slot, 105 + slot, null]);

    it('merges complete buckets, aligned to the epoch, with an unknown volume', () => {
      expect(mergeCandles(halfHours(0, 1, 2, 3), { widthSeconds: HOUR, nativeSeconds: 1800 })).to.deep.equal([
        [DAY, 100, 111, 90, 106, null],
        [DAY + HOUR, 102, 113, 92, 108, null],
      ]);
    });

    it('drops a bucket missing a native candle: at the start, in the middle or still open at the end', () => {
      const candles = halfHours(1, 2, 3, 4, 6, 7, 8);
      expect(mergeCandles(candles, { widthSeconds: HOUR, nativeSeconds: 1800 })).to.deep.equal([
        [DAY + HOUR, 102, 113, 92, 108, null],
        [DAY + 3 * HOUR, 106, 117, 96, 112, null],
      ]);
    });

    it('sums known volumes of a complete bucket', () => {
      const candles: Candle[] = [
        [DAY, 1, 2, 1, 2, 5],
        [DAY + 4 * HOUR, 2, 3, 2, 3, 7],
      ];
      expect(mergeCandles(candles, { widthSeconds: 8 * HOUR, nativeSeconds: 4 * HOUR })).to.deep.equal([[DAY, 1, 3, 1, 3, 12]]);
    });
  });
});
