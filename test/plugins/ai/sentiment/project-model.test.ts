import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { PROJECT_MODELS_FOLDER } from '../../../../plugins/ai/sentiment/model-folders.js';
import { buildCryptoSentimentModel, MODEL_ID } from '../../../../scripts/sentiment-model/crypto-sentiment-model.js';

describe('models/crypto-sentiment-bow', () => {
  it('is exactly what `npm run model:build` produces from the lexicons (rebuild after editing them)', () => {
    const { files } = buildCryptoSentimentModel();
    for (const [file, content] of Object.entries(files)) {
      const committed = readFileSync(join(PROJECT_MODELS_FOLDER, MODEL_ID, file));
      expect(committed.equals(Buffer.from(content)), `${file} differs from a fresh build`).to.equal(true);
    }
  });
});
