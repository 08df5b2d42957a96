import type { SparseExamples } from './logistic-regression.js';

/**
 * Multinomial naive Bayes log-count ratios: for each feature, `log(p_j / Σp) − log(q_j / Σq)` with
 * `p`, `q` its occurrences in positive and negative examples plus `smoothing`. A feature no example
 * has gets 0 rather than the smoothed class ratio, so an unseen word stays without weight.
 */
export function naiveBayesLogRatios(examples: SparseExamples, dimension: number, smoothing: number): Float64Array {
  const positive = new Float64Array(dimension).fill(smoothing);
  const negative = new Float64Array(dimension).fill(smoothing);
  const seen = new Uint8Array(dimension);
  for (let i = 0; i < examples.labels.length; i++) {
    const counts = examples.labels[i] === 1 ? positive : negative;
    for (let k = examples.offsets[i]!; k < examples.offsets[i + 1]!; k++) {
      counts[examples.features[k]!]! += 1;
      seen[examples.features[k]!] = 1;
    }
  }
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let j = 0; j < dimension; j++) {
    positiveTotal += positive[j]!;
    negativeTotal += negative[j]!;
  }
  return Float64Array.from({ length: dimension }, (_, j) => (seen[j] ? Math.log(positive[j]! / positiveTotal) - Math.log(negative[j]! / negativeTotal) : 0));
}
