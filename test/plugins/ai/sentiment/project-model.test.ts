import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { PROJECT_MODELS_FOLDER } from '../../../../plugins/ai/sentiment/model-folders.js';
import { TransformersRuntime } from '../../../../plugins/ai/sentiment/transformers-runtime.js';
import { buildCryptoSentimentModel, MODEL_ID } from '../../../../scripts/sentiment-model/crypto-sentiment-model.js';
import { buildLinearSentimentModel, LINEAR_MODEL_ID } from '../../../../scripts/sentiment-model/linear-sentiment-model.js';
import { DEFAULT_TRAIN_DIR, readSst2 } from '../../../../scripts/sentiment-model/sst2-data.js';
import { readUciSentences } from '../../../../scripts/sentiment-model/uci-sentences.js';

function expectCommitted(id: string, files: Record<string, string | Uint8Array>): void {
  for (const [file, content] of Object.entries(files)) {
    const committed = readFileSync(join(PROJECT_MODELS_FOLDER, id, file));
    expect(committed.equals(Buffer.from(content)), `${id}/${file} differs from a fresh build`).to.equal(true);
  }
}

describe('models/crypto-sentiment-bow', () => {
  it('is exactly what `npm run model:build` produces from the lexicons (rebuild after editing them)', () => {
    expectCommitted(MODEL_ID, buildCryptoSentimentModel().files);
  });
});

describe('models/crypto-sentiment-linear', function () {
  this.timeout(120_000);
  const trainDir = resolve(process.env.SENTIMENT_TRAIN_DIR ?? join(PROJECT_MODELS_FOLDER, '..', DEFAULT_TRAIN_DIR));

  it('is exactly what `npm run model:build` trains from SST-2 and the UCI sentences (rebuild after editing the build or the lexicons)', function () {
    const data = readSst2(trainDir);
    if (data === undefined) {
      console.log(`      skipped: no training data at ${join(trainDir, 'sst2')} (set SENTIMENT_TRAIN_DIR); the committed weights are tested below`);
      this.skip();
    }
    const uci = readUciSentences();
    if ('missing' in uci) {
      console.log(`      skipped: ${uci.missing}; the committed weights are tested below`);
      this.skip();
    }
    expectCommitted(LINEAR_MODEL_ID, buildLinearSentimentModel(data, uci).files);
  });

  const loadCommitted = () =>
    new TransformersRuntime().load({
      id: LINEAR_MODEL_ID,
      task: 'sentiment-analysis',
      quantized: true,
      local: { folder: PROJECT_MODELS_FOLDER, path: join(PROJECT_MODELS_FOLDER, LINEAR_MODEL_ID) },
      downloadDir: undefined,
      timeoutMs: 60_000,
      onProgress: () => undefined,
    });

  it('loads from the committed files and labels clear positive, negative and neutral texts, alone and batched', async () => {
    expect(existsSync(join(PROJECT_MODELS_FOLDER, LINEAR_MODEL_ID, 'onnx', 'model_quantized.onnx'))).to.equal(true);
    const classifier = await loadCommitted();
    try {
      expect(classifier.labels).to.deep.equal(['negative', 'neutral', 'positive']);
      const texts = ['A wonderful, moving film.', "I didn't like this movie at all.", 'Operating profit rose to EUR 13 million from EUR 9 million.', 'The company reported a net loss as sales fell sharply.', 'The company has 120 employees.'];
      const batched = await classifier.classify(texts);
      expect(batched.map((scores) => scores[0]!.label)).to.deep.equal(['positive', 'negative', 'positive', 'negative', 'neutral']);
      const single = await classifier.classify([texts[4]!]);
      expect(single[0]![0]!.score).to.be.closeTo(batched[4]![0]!.score, 1e-6);
    } finally {
      await classifier.dispose();
    }
  });

  it('reads a word inside a negation scope with its negated weight in the graph ("not good", "isn\'t good")', async () => {
    const classifier = await loadCommitted();
    try {
      const labels = (await classifier.classify(['The film is good.', 'The film is not good.', "The film isn't good."])).map((scores) => scores[0]!.label);
      expect(labels).to.deep.equal(['positive', 'negative', 'negative']);
    } finally {
      await classifier.dispose();
    }
  });
});
