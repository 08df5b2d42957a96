import type { BertTextEncoder } from './bert-text-encoder.js';
import { BIGRAM_BUCKETS, FIRST_WORD_ID } from './linear-features.js';
import type { QuantizedTable } from './linear-onnx-model.js';
import { trainLogisticRegression } from './logistic-regression.js';
import type { NegationCues } from './negation-scope.js';
import { quantize } from './quantize.js';
import { SparseFeatureIndex } from './sparse-feature-index.js';

/** The second linear head: `s = bias + Σ word + Σ bigram` over the polarity head's features, subjective > 0. */
export interface SubjectivityHead {
  /** Plain then negated word weights, as the polarity table. */
  words: QuantizedTable;
  bigrams: QuantizedTable;
  bias: number;
}

/** L2 strength on every weight and L-BFGS iterations, as for the polarity bigrams. */
const PENALTY = 3e-4;
const ITERATIONS = 150;

/**
 * Logistic regression, subjective (1) against objective (0) texts, on the same word, negated-word and
 * hashed-bigram features as the polarity head. The objective rows are repeated so both classes weigh
 * about the same (there are several times fewer of them). The intercept is kept: a text of unknown
 * words gets the prior odds of balanced classes.
 */
export function trainSubjectivityHead(
  encoder: BertTextEncoder,
  vocabularySize: number,
  negation: NegationCues,
  subjective: readonly string[],
  objective: readonly string[],
): SubjectivityHead {
  const wordCount = 2 * vocabularySize;
  const repeat = Math.max(1, Math.round(subjective.length / objective.length));
  const rows = new SparseFeatureIndex(encoder, vocabularySize, negation);
  rows.add(subjective);
  for (let copy = 0; copy < repeat; copy++) rows.add(objective);
  const labels = Uint8Array.from({ length: rows.offsets.length - 1 }, (_, row) => (row < subjective.length ? 1 : 0));
  const dimension = rows.dimension;
  const model = trainLogisticRegression(
    { offsets: Int32Array.from(rows.offsets), features: Int32Array.from(rows.features), labels },
    { dimension, prior: new Float64Array(dimension), penalty: new Float64Array(dimension).fill(PENALTY), iterations: ITERATIONS },
  );
  const words = new Float64Array(wordCount);
  for (let id = FIRST_WORD_ID; id < vocabularySize; id++) {
    words[id] = model.weights[id]!;
    words[vocabularySize + id] = model.weights[vocabularySize + id]!;
  }
  const bigrams = new Float64Array(BIGRAM_BUCKETS);
  for (const [feature, index] of rows.buckets) bigrams[feature - wordCount] = model.weights[index]!;
  return { words: quantize(words), bigrams: quantize(bigrams), bias: Math.fround(model.bias) };
}
