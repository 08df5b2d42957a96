import type { BertTextEncoder } from './bert-text-encoder.js';
import { linearFeatures } from './linear-features.js';
import type { QuantizedTable } from './linear-onnx-model.js';

/** The two sums the graph computes for a text. */
export interface LinearScore {
  /** Polarity logit: log-odds of positive over negative. */
  polarity: number;
  /** Sum of the absolute weights of every term: how much sentiment-bearing material the text has. */
  evidence: number;
}

/** Computes in JS what the ONNX graph computes from the same int8 tables, for choosing the neutral rule. */
export class LinearScorer {
  constructor(
    private readonly encoder: BertTextEncoder,
    private readonly unigrams: QuantizedTable,
    private readonly bigrams: QuantizedTable,
  ) {}

  score(text: string): LinearScore {
    const vocabularySize = this.unigrams.values.length;
    let polarity = 0;
    let evidence = 0;
    for (const feature of linearFeatures(this.encoder.encode(text), vocabularySize)) {
      const weight = feature < vocabularySize ? this.unigrams.values[feature]! * this.unigrams.scale : this.bigrams.values[feature - vocabularySize]! * this.bigrams.scale;
      polarity += weight;
      evidence += Math.abs(weight);
    }
    return { polarity, evidence };
  }
}
