import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveLabelMapping } from '../plugins/ai/sentiment/label-mapping.js';
import { PROJECT_MODELS_FOLDER, type LocalModel } from '../plugins/ai/sentiment/model-folders.js';
import { LEXICON_MODEL_ID, PROJECT_MODEL_ID } from '../plugins/ai/sentiment/sentiment-config.js';
import { TransformersRuntime, type TextClassifier } from '../plugins/ai/sentiment/transformers-runtime.js';
import { CRYPTO_HEADLINES } from '../scripts/sentiment-model/crypto-headlines.js';
import { evaluateHeadlines } from '../scripts/sentiment-model/evaluate-headlines.js';
import { FINANCE_SENTENCES } from '../scripts/sentiment-model/finance-sentences.js';
import { report } from './lib/bench-results.js';

/**
 * Sentiment benchmark: transformers.js import time, model load time, texts per second batched
 * versus one by one, and accuracy on the labelled crypto headlines and finance sentences, for the
 * project's two models and, when MODELS_DIR holds it, sst2-bow-uncased. Prints a table and writes bench/results/sentiment.json.
 * Run: `MODELS_DIR=../shared/models npx tsx bench/sentiment.bench.ts`.
 */

const TEXTS = 1024;
const BATCH_SIZES = [16, 64] as const;
const ROUNDS = 3;

interface ModelFigures {
  model: string;
  loadMs: number;
  textsPerSecond: { oneByOne: number } & Record<`batch${number}`, number>;
  accuracy: number;
  polarAccuracy: number;
  financeAccuracy: number;
}

/** Best of ROUNDS runs, in texts per second. */
async function throughput(classifier: TextClassifier, texts: string[], batchSize: number): Promise<number> {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let start = 0; start < texts.length; start += batchSize) await classifier.classify(texts.slice(start, start + batchSize));
    best = Math.max(best, texts.length / ((performance.now() - started) / 1000));
  }
  return Math.round(best);
}

async function measure(runtime: TransformersRuntime, id: string, local: LocalModel, texts: string[]): Promise<ModelFigures> {
  const classifier = await runtime.load({ id, task: 'sentiment-analysis', quantized: true, local, downloadDir: undefined, timeoutMs: 60_000, onProgress: () => undefined });
  const mapping = resolveLabelMapping(classifier.labels, undefined);
  await classifier.classify(texts.slice(0, 16));
  const textsPerSecond = { oneByOne: await throughput(classifier, texts, 1) } as ModelFigures['textsPerSecond'];
  for (const size of BATCH_SIZES) textsPerSecond[`batch${size}`] = await throughput(classifier, texts, size);
  const classify = async (batch: string[]): Promise<string[]> => (await classifier.classify(batch)).map((scores) => mapping.get(scores[0]!.label)!);
  const evaluation = await evaluateHeadlines(CRYPTO_HEADLINES, classify);
  const finance = await evaluateHeadlines(FINANCE_SENTENCES, classify);
  await classifier.dispose();
  return { model: id, loadMs: classifier.loadMs, textsPerSecond, accuracy: evaluation.accuracy, polarAccuracy: evaluation.polarAccuracy, financeAccuracy: finance.accuracy };
}

async function main(): Promise<void> {
  const importStarted = performance.now();
  await import('@xenova/transformers');
  const importMs = Math.round(performance.now() - importStarted);
  const runtime = new TransformersRuntime();
  const texts = Array.from({ length: TEXTS }, (_, index) => CRYPTO_HEADLINES[index % CRYPTO_HEADLINES.length]!.text);
  const targets: Array<{ id: string; local: LocalModel }> = [PROJECT_MODEL_ID, LEXICON_MODEL_ID].map((id) => ({ id, local: { folder: PROJECT_MODELS_FOLDER, path: join(PROJECT_MODELS_FOLDER, id) } }));
  const modelsDir = process.env.MODELS_DIR === undefined ? undefined : resolve(process.env.MODELS_DIR);
  if (modelsDir !== undefined && existsSync(join(modelsDir, 'sst2-bow-uncased', 'config.json'))) {
    targets.push({ id: 'sst2-bow-uncased', local: { folder: modelsDir, path: join(modelsDir, 'sst2-bow-uncased') } });
  } else {
    console.log('sst2-bow-uncased skipped: set MODELS_DIR to a folder holding it (e.g. MODELS_DIR=../shared/models)');
  }
  const models: ModelFigures[] = [];
  for (const target of targets) models.push(await measure(runtime, target.id, target.local, texts));

  console.log(`transformers.js import: ${importMs} ms; ${TEXTS} headlines, best of ${ROUNDS} rounds, one process`);
  const rows = models.map((figures) => ({
    model: figures.model,
    'load ms': figures.loadMs,
    'texts/s one by one': figures.textsPerSecond.oneByOne,
    ...Object.fromEntries(BATCH_SIZES.map((size) => [`texts/s batch ${size}`, figures.textsPerSecond[`batch${size}`]])),
    'accuracy (3 classes)': figures.accuracy.toFixed(3),
    'accuracy (polar only)': figures.polarAccuracy.toFixed(3),
    'finance (3 classes)': figures.financeAccuracy.toFixed(3),
  }));
  report('sentiment', { texts: TEXTS, rounds: ROUNDS, transformersImportMs: importMs, models }, rows);
}

await main();
