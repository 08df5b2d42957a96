import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from '../core/router/median.js';
import { resolveLabelMapping } from '../plugins/ai/sentiment/label-mapping.js';
import { PROJECT_MODELS_FOLDER, type LocalModel } from '../plugins/ai/sentiment/model-folders.js';
import { LEXICON_MODEL_ID, PROJECT_MODEL_ID } from '../plugins/ai/sentiment/sentiment-config.js';
import { TransformersRuntime, type TextClassifier } from '../plugins/ai/sentiment/transformers-runtime.js';
import { CRYPTO_HEADLINES, type LabelledHeadline } from '../scripts/sentiment-model/crypto-headlines.js';
import { evaluateHeadlines } from '../scripts/sentiment-model/evaluate-headlines.js';
import { FINANCE_SENTENCES } from '../scripts/sentiment-model/finance-sentences.js';
import { DEFAULT_TRAIN_DIR, readSst2 } from '../scripts/sentiment-model/sst2-data.js';
import { splitUnseenSentences } from '../scripts/sentiment-model/unseen-sentences.js';
import { report } from './lib/bench-results.js';

/**
 * Sentiment benchmark: transformers.js import time, model load time, texts per second one by one
 * and batched, and accuracy on the labelled crypto headlines, the finance sentences and (when
 * SENTIMENT_TRAIN_DIR, default ../shared/train, holds SST-2) the unseen held-out SST-2 sentences,
 * for the project's two models and, when MODELS_DIR holds it, sst2-bow-uncased as the baseline.
 * Rounds are interleaved (every model and mode once per round) and figures are medians.
 * Prints a table and writes bench/results/sentiment.json.
 * Run: `MODELS_DIR=../shared/models npx tsx bench/sentiment.bench.ts`.
 */

const TEXTS = 1024;
const BATCH_SIZES = [16, 64] as const;
const ROUNDS = 5;
const MODES = [1, ...BATCH_SIZES] as const;

interface Target {
  id: string;
  local: LocalModel;
}

interface ModelFigures {
  model: string;
  loadMs: number;
  textsPerSecond: Record<`batch${number}`, number>;
  /** Batch 64 texts per second over one by one. */
  batchSpeedup: number;
  accuracy: number;
  polarAccuracy: number;
  financeAccuracy: number;
  /** Unseen SST-2 sentences, neutral counted wrong; undefined without the data. */
  sst2Accuracy: number | undefined;
}

function load(runtime: TransformersRuntime, target: Target): Promise<TextClassifier> {
  return runtime.load({ id: target.id, task: 'sentiment-analysis', quantized: true, local: target.local, downloadDir: undefined, timeoutMs: 60_000, onProgress: () => undefined });
}

/** Texts per second of one pass over `texts` in batches of `batchSize`. */
async function throughput(classifier: TextClassifier, texts: string[], batchSize: number): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < texts.length; start += batchSize) await classifier.classify(texts.slice(start, start + batchSize));
  return texts.length / ((performance.now() - started) / 1000);
}

async function accuracyOn(classifier: TextClassifier, set: readonly LabelledHeadline[]): Promise<{ accuracy: number; polarAccuracy: number }> {
  const mapping = resolveLabelMapping(classifier.labels, undefined);
  return evaluateHeadlines(set, async (batch) => (await classifier.classify(batch)).map((scores) => mapping.get(scores[0]!.label)!));
}

/** The unseen held-out SST-2 sentences the build measures the trained model on, when the data is there. */
function unseenSst2Sentences(): LabelledHeadline[] | undefined {
  const data = readSst2(resolve(process.env.SENTIMENT_TRAIN_DIR ?? DEFAULT_TRAIN_DIR));
  if (data === undefined) {
    console.log('unseen SST-2 sentences skipped: no data at SENTIMENT_TRAIN_DIR (default ../shared/train)');
    return undefined;
  }
  return splitUnseenSentences(data).sentences.map((row) => ({ text: row.text, label: row.label === 1 ? 'positive' : 'negative' }));
}

async function main(): Promise<void> {
  const importStarted = performance.now();
  await import('@xenova/transformers');
  const importMs = Math.round(performance.now() - importStarted);
  const runtime = new TransformersRuntime();
  const texts = Array.from({ length: TEXTS }, (_, index) => CRYPTO_HEADLINES[index % CRYPTO_HEADLINES.length]!.text);
  const targets: Target[] = [PROJECT_MODEL_ID, LEXICON_MODEL_ID].map((id) => ({ id, local: { folder: PROJECT_MODELS_FOLDER, path: join(PROJECT_MODELS_FOLDER, id) } }));
  const modelsDir = process.env.MODELS_DIR === undefined ? undefined : resolve(process.env.MODELS_DIR);
  if (modelsDir !== undefined && existsSync(join(modelsDir, 'sst2-bow-uncased', 'config.json'))) {
    targets.push({ id: 'sst2-bow-uncased', local: { folder: modelsDir, path: join(modelsDir, 'sst2-bow-uncased') } });
  } else {
    console.log('sst2-bow-uncased skipped: set MODELS_DIR to a folder holding it (e.g. MODELS_DIR=../shared/models)');
  }
  const sst2 = unseenSst2Sentences();

  // Load times: each model loaded once per round, interleaved; the last load is kept for the runs.
  const loads = targets.map(() => [] as number[]);
  const classifiers: TextClassifier[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of targets.entries()) {
      const classifier = await load(runtime, target);
      loads[index]!.push(classifier.loadMs);
      if (round < ROUNDS - 1) await classifier.dispose();
      else classifiers.push(classifier);
    }
  }
  for (const classifier of classifiers) await classifier.classify(texts.slice(0, 64));
  const speeds = classifiers.map(() => Object.fromEntries(MODES.map((mode) => [mode, [] as number[]])) as Record<number, number[]>);
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of MODES) for (const [index, classifier] of classifiers.entries()) speeds[index]![mode]!.push(await throughput(classifier, texts, mode));
  }

  const models: ModelFigures[] = [];
  for (const [index, classifier] of classifiers.entries()) {
    const crypto = await accuracyOn(classifier, CRYPTO_HEADLINES);
    const finance = await accuracyOn(classifier, FINANCE_SENTENCES);
    const sst2Accuracy = sst2 === undefined ? undefined : (await accuracyOn(classifier, sst2)).accuracy;
    const textsPerSecond = Object.fromEntries(MODES.map((mode) => [`batch${mode}`, Math.round(median(speeds[index]![mode]!))])) as ModelFigures['textsPerSecond'];
    models.push({
      model: targets[index]!.id,
      loadMs: Math.round(median(loads[index]!)),
      textsPerSecond,
      batchSpeedup: Number((textsPerSecond.batch64! / textsPerSecond.batch1!).toFixed(2)),
      accuracy: crypto.accuracy,
      polarAccuracy: crypto.polarAccuracy,
      financeAccuracy: finance.accuracy,
      sst2Accuracy,
    });
    await classifier.dispose();
  }

  console.log(`transformers.js import: ${importMs} ms; ${TEXTS} headlines, median of ${ROUNDS} interleaved rounds, one process, 2 shared cores: expect noise`);
  const rows = models.map((figures) => ({
    model: figures.model,
    'load ms': figures.loadMs,
    'texts/s one by one': figures.textsPerSecond.batch1!,
    ...Object.fromEntries(BATCH_SIZES.map((size) => [`texts/s batch ${size}`, figures.textsPerSecond[`batch${size}`]!])),
    'batch 64 / one by one': figures.batchSpeedup,
    'crypto (3 classes)': figures.accuracy.toFixed(3),
    'finance (3 classes)': figures.financeAccuracy.toFixed(3),
    'SST-2 unseen sentences': figures.sst2Accuracy === undefined ? 'no data' : figures.sst2Accuracy.toFixed(3),
  }));
  report('sentiment', { texts: TEXTS, rounds: ROUNDS, transformersImportMs: importMs, sst2Sentences: sst2?.length ?? 0, models }, rows);
}

await main();
