import type { BertTextEncoder } from './bert-text-encoder.js';
import { linearFeatures } from './linear-features.js';
import type { NegationCues } from './negation-scope.js';

/**
 * Training texts as sparse rows over compact weight indices: word features keep their index
 * (plain then negated ids, `2 · vocabularySize` of them), and each bigram bucket the rows use gets
 * the next free index after those, in order of first use, so the weight vector is no longer than it must be.
 */
export class SparseFeatureIndex {
  /** Bigram feature (offset bucket) → its compact weight index. */
  readonly buckets = new Map<number, number>();
  readonly offsets: number[] = [0];
  readonly features: number[] = [];
  private readonly wordCount: number;

  constructor(
    private readonly encoder: BertTextEncoder,
    private readonly vocabularySize: number,
    private readonly negation: NegationCues,
  ) {
    this.wordCount = 2 * vocabularySize;
  }

  /** Appends one row per text. */
  add(texts: Iterable<string>): void {
    for (const text of texts) {
      for (const feature of linearFeatures(this.encoder.encode(text), this.vocabularySize, this.negation)) {
        let index = feature;
        if (feature >= this.wordCount) {
          index = this.buckets.get(feature) ?? this.wordCount + this.buckets.size;
          this.buckets.set(feature, index);
        }
        this.features.push(index);
      }
      this.offsets.push(this.features.length);
    }
  }

  /** Number of weights: every word feature and every bigram bucket seen. */
  get dimension(): number {
    return this.wordCount + this.buckets.size;
  }
}
