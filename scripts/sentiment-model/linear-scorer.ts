import type { BertTextEncoder } from './bert-text-encoder.js';
import { linearFeatures } from './linear-features.js';
import type { QuantizedTable } from './linear-onnx-model.js';
import type { NegationCues } from './negation-scope.js';
import type { SubjectivityHead } from './subjectivity-head.js';

/** The three sums the graph computes for a text. */
export interface LinearScore {
  /** Polarity logit: log-odds of positive over negative. */
  polarity: number;
  /** Euclidean norm of the terms' weights, `√Σ wᵢ²`: how much sentiment-bearing material the text has. */
  evidence: number;
  /** Subjectivity logit: log-odds of subjective over objective (see subjectivity-head.ts). */
  subjectivity: number;
}

/** Computes in JS what the ONNX graph computes from the same int8 tables, for choosing the neutral rule. */
export class LinearScorer {
  constructor(
    private readonly encoder: BertTextEncoder,
    private readonly negation: NegationCues,
    /** Plain then negated word weights: twice the vocabulary size. */
    private readonly words: QuantizedTable,
    private readonly bigrams: QuantizedTable,
    private readonly subjectivityHead: SubjectivityHead,
  ) {}

  score(text: string): LinearScore {
    const wordCount = this.words.values.length;
    const head = this.subjectivityHead;
    let polarity = 0;
    let squares = 0;
    let subjectivity = head.bias;
    for (const feature of linearFeatures(this.encoder.encode(text), wordCount / 2, this.negation)) {
      const isWord = feature < wordCount;
      const weight = isWord ? this.words.values[feature]! * this.words.scale : this.bigrams.values[feature - wordCount]! * this.bigrams.scale;
      polarity += weight;
      squares += weight * weight;
      subjectivity += isWord ? head.words.values[feature]! * head.words.scale : head.bigrams.values[feature - wordCount]! * head.bigrams.scale;
    }
    return { polarity, evidence: Math.sqrt(squares), subjectivity };
  }
}
