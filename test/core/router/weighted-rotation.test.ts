import { expect } from 'chai';
import { WeightedRotation } from '../../../core/router/weighted-rotation.js';

describe('WeightedRotation', () => {
  it("follows nginx's smooth sequence: weights 5, 1, 1 give a a b a c a a", () => {
    const rotation = new WeightedRotation();
    const candidates = [
      { id: 'a', weight: 5 },
      { id: 'b', weight: 1 },
      { id: 'c', weight: 1 },
    ];
    const picks = Array.from({ length: 14 }, () => rotation.pick(candidates));
    expect(picks.join(' ')).to.equal('a a b a c a a a a b a c a a');
  });

  it('interleaves the default price weights instead of serving one provider in bursts', () => {
    const rotation = new WeightedRotation();
    const candidates = [
      { id: 'binance', weight: 30 },
      { id: 'coinbase', weight: 20 },
      { id: 'kraken', weight: 20 },
      { id: 'bitstamp', weight: 10 },
      { id: 'gemini', weight: 10 },
      { id: 'cryptocompare', weight: 5 },
      { id: 'coingecko', weight: 5 },
    ];
    const picks = Array.from({ length: 20 }, () => rotation.pick(candidates)!);
    expect(new Set(picks.slice(0, 10)).size).to.be.greaterThanOrEqual(5);
    for (let index = 1; index < picks.length; index += 1) {
      expect(picks[index] === picks[index - 1] && picks[index] === picks[index - 2], `three ${picks[index]} in a row`).to.equal(false);
    }
    const counts = picks.reduce<Record<string, number>>((acc, id) => ({ ...acc, [id]: (acc[id] ?? 0) + 1 }), {});
    expect(counts).to.deep.equal({ binance: 6, coinbase: 4, kraken: 4, bitstamp: 2, gemini: 2, cryptocompare: 1, coingecko: 1 });
  });

  it('ignores candidates with no weight and answers undefined when none is left', () => {
    const rotation = new WeightedRotation();
    expect(rotation.pick([{ id: 'a', weight: 0 }])).to.equal(undefined);
    expect(rotation.pick([])).to.equal(undefined);
    expect(rotation.pick([{ id: 'a', weight: 0 }, { id: 'b', weight: 2 }])).to.equal('b');
  });
});
