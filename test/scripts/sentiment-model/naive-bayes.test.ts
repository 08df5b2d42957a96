import { expect } from 'chai';
import { naiveBayesLogRatios } from '../../../scripts/sentiment-model/naive-bayes.js';

describe('naive Bayes log-count ratios', () => {
  // Feature 0 in both classes, 1 only in positive rows, 2 only in negative ones, 3 in none.
  const examples = {
    offsets: Int32Array.from([0, 2, 4, 6]),
    features: Int32Array.from([0, 1, 0, 1, 0, 2]),
    labels: Uint8Array.from([1, 1, 0]),
  };

  it('weighs a feature by how much more often positive rows use it, with add-one smoothing', () => {
    const ratios = naiveBayesLogRatios(examples, 4, 1);
    // Positive counts 1+2, 1+2, 1+0, 1+0 (total 8); negative 1+1, 1+0, 1+1, 1+0 (total 6).
    expect(ratios[0]).to.be.closeTo(Math.log(3 / 8) - Math.log(2 / 6), 1e-12);
    expect(ratios[1]).to.be.closeTo(Math.log(3 / 8) - Math.log(1 / 6), 1e-12);
    expect(ratios[2]).to.be.closeTo(Math.log(1 / 8) - Math.log(2 / 6), 1e-12);
    expect(ratios[1]).to.be.greaterThan(0);
    expect(ratios[2]).to.be.lessThan(0);
  });

  it('leaves a feature no row has at 0', () => {
    expect(naiveBayesLogRatios(examples, 4, 1)[3]).to.equal(0);
  });
});
