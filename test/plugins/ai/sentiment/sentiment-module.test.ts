import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'chai';
import nock from 'nock';
import { SentimentStatus, type SentimentAnswer, type SentimentStatusSnapshot } from '../../../../plugins/ai/sentiment/index.js';
import { PROJECT_MODELS_FOLDER } from '../../../../plugins/ai/sentiment/model-folders.js';
import { DEFAULT_MODELS } from '../../../../plugins/ai/sentiment/sentiment-config.js';
import { capturingLogger } from '../../../helpers/aggregator-harness.js';
import { createTestApp, startTestApp, type TestApp } from '../../../helpers/test-app.js';
import { postJson, settledModels, tempModelsFolder, type TempModelsFolder } from './model-fixtures.js';

/** The project's default model only: the hub entries would fail offline and add nothing here. */
const OWN_MODEL_ONLY = { models: [{ id: 'crypto-sentiment-linear' }] };

async function models(app: TestApp): Promise<SentimentStatusSnapshot> {
  return (await (await fetch(`${app.baseUrl}/api/ai/models`)).json()) as SentimentStatusSnapshot;
}

describe('ai-sentiment plugin', () => {
  describe('with the project model, offline', () => {
    let app: TestApp;

    before(async () => {
      app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: OWN_MODEL_ONLY } });
      await settledModels(app.app);
    });

    after(() => app.stop());

    it('classifies crypto headlines through transformers.js, in input order', async () => {
      const texts = ['Exchange hacked, $100 million drained from hot wallets', 'Bitcoin surges to a new all-time high on ETF approval', 'The exchange lists 40 new trading pairs.'];
      const { status, body } = await postJson(`${app.baseUrl}/api/ai/sentiment`, { texts });
      expect(status).to.equal(200);
      const answer = body as unknown as SentimentAnswer;
      expect(answer.model).to.equal('crypto-sentiment-linear');
      expect(answer.results.map((result) => result.label)).to.deep.equal(['negative', 'positive', 'neutral']);
      for (const result of answer.results) {
        expect(Object.keys(result.scores).sort()).to.deep.equal(['negative', 'neutral', 'positive']);
        const total = Object.values(result.scores).reduce((sum, score) => sum + score, 0);
        expect(total).to.be.closeTo(1, 0.001);
        expect(result.score).to.equal(result.scores[result.label]);
      }
    });

    it('accepts a single text and an explicit model', async () => {
      const { status, body } = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'DeFi protocol exploited, funds stolen', model: 'crypto-sentiment-linear' });
      expect(status).to.equal(200);
      expect((body as unknown as SentimentAnswer).results).to.have.length(1);
      expect((body as unknown as SentimentAnswer).results[0]!.label).to.equal('negative');
    });

    it('gives the same answer batched as one by one', async () => {
      const texts = ['Solana rallies after partnership', 'Stablecoin depegs and collapses', 'Exchange lists new pairs', 'Bitcoin plunges'];
      const batched = (await postJson(`${app.baseUrl}/api/ai/sentiment`, { texts })).body as unknown as SentimentAnswer;
      const single = await Promise.all(texts.map(async (text) => ((await postJson(`${app.baseUrl}/api/ai/sentiment`, { text })).body as unknown as SentimentAnswer).results[0]));
      expect(batched.results).to.deep.equal(single);
    });

    it('lists the model as loaded, with its load time, on the CPU', async () => {
      const snapshot = await models(app);
      expect(snapshot.transformers_loaded).to.equal(true);
      expect(snapshot.mode).to.equal('cpu');
      const own = snapshot.models.find((model) => model.id === 'crypto-sentiment-linear')!;
      expect(own).to.include({ state: 'loaded', default: true, discovered: false });
      expect(own.source.kind).to.equal('local');
      expect((own as { loadMs: number }).loadMs).to.be.a('number');
    });

    it('exposes the same state through the SentimentStatus service', async () => {
      const service = app.app.kernel.container.get<SentimentStatus>(SentimentStatus);
      expect(service.snapshot()).to.deep.equal(await models(app));
    });

    describe('rejects bad input with 400 and a message naming the field', () => {
      const cases: Array<[string, unknown, RegExp]> = [
        ['no text', {}, /^text: expected "text" \(a string\) or "texts"/],
        ['an empty text', { text: '   ' }, /^text: must not be empty/],
        ['an empty text in a batch', { texts: ['ok', ''] }, /^texts\[1\]: must not be empty/],
        ['an empty batch', { texts: [] }, /^texts: expected at least one text/],
        ['a text too long', { text: 'a'.repeat(2001) }, /^text: is 2001 characters long; at most 2000 are allowed/],
        ['too many texts', { texts: Array.from({ length: 65 }, () => 'a') }, /^texts: 65 texts given; at most 64 per request/],
        ['a number for text', { text: 42 }, /^text: expected a string/],
        ['a string for texts', { texts: 'Bitcoin' }, /^texts: expected an array of strings/],
        ['a number in texts', { texts: ['a', 3] }, /^texts\[1\]: expected a string/],
        ['both text and texts', { text: 'a', texts: ['b'] }, /^texts: give either "text" or "texts", not both/],
        ['an unknown field', { text: 'a', lang: 'en' }, /^lang: unknown field/],
        ['an array body', ['a'], /^body: expected a JSON object/],
        ['an unknown model', { text: 'a', model: 'no-such-model' }, /^model: unknown model "no-such-model"; known models: crypto-sentiment-linear/],
      ];
      for (const [name, body, message] of cases) {
        it(name, async () => {
          const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, body);
          expect(response.status).to.equal(400);
          expect(response.body.error!.code).to.equal('bad_request');
          expect(response.body.error!.message).to.match(message);
        });
      }
    });
  });

  describe('when models cannot load', () => {
    let folder: TempModelsFolder;

    beforeEach(() => {
      folder = tempModelsFolder();
    });

    afterEach(() => folder.remove());

    it('lists a model missing offline as unavailable with its reason, and answers 503 when no model can serve', async () => {
      const hubOnly = { models: [{ id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english' }], defaultModel: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', discoverLocalModels: false };
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: hubOnly } });
      try {
        await settledModels(app.app);
        const [status] = (await models(app)).models;
        expect(status).to.include({ state: 'unavailable' });
        expect((status as { reason: string }).reason).to.match(/not found locally .* and ai\.allowRemoteModels is false/);
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges' });
        expect(response.status).to.equal(503);
        expect(response.body.error!.message).to.match(/No sentiment model is available .*allowRemoteModels is false/);
        expect(response.retryAfter).to.equal('30');
      } finally {
        await app.stop();
      }
    });

    it('fails a hub model fast with the network error when the hub cannot be reached, and answers 409 naming it', async () => {
      nock.disableNetConnect();
      nock.enableNetConnect('127.0.0.1');
      const hubModel = 'Xenova/twitter-roberta-base-sentiment-latest';
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { models: [{ id: hubModel }], defaultModel: hubModel, allowRemoteModels: true, discoverLocalModels: false, loadMode: 'lazy' } } });
      try {
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges', model: hubModel });
        expect(response.status).to.equal(409);
        expect(response.body.error!.code).to.equal('model_failed');
        expect(response.retryAfter).to.equal(null);
        expect(response.body.error!.message).to.match(/^Model "Xenova\/twitter-roberta-base-sentiment-latest" is not available: .*huggingface\.co/);
        const [status] = (await models(app)).models;
        expect(status).to.deep.include({ state: 'failed', source: { kind: 'hub' } });
      } finally {
        await app.stop();
        nock.enableNetConnect();
      }
    });

    it('reports a corrupt ONNX file as the reason, with a 409 naming the model', async () => {
      folder.addModel('broken-model', { onnx: Buffer.from('not an onnx model') });
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, defaultModel: 'broken-model', loadMode: 'lazy' } }, env: { MODELS_DIR: folder.path } });
      try {
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges', model: 'broken-model' });
        expect(response.status).to.equal(409);
        expect(response.body.error!.code).to.equal('model_failed');
        expect(response.body.error!.message).to.match(/^Model "broken-model" is not available: /);
        const broken = (await models(app)).models.find((model) => model.id === 'broken-model')!;
        expect(broken).to.include({ state: 'failed', discovered: true });
        expect(response.body.error!.message).to.include((broken as { reason: string }).reason);
      } finally {
        await app.stop();
      }
    });

    it('refuses a model whose labels have no sentiment mapping', async () => {
      folder.addModel('unlabelled', { config: (config) => (config.id2label = { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' }) });
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, loadMode: 'lazy' } }, env: { MODELS_DIR: folder.path } });
      try {
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges', model: 'unlabelled' });
        expect(response.status).to.equal(409);
        expect(response.body.error!.message).to.match(/labels "LABEL_0", "LABEL_1", "LABEL_2" have no sentiment mapping/);
      } finally {
        await app.stop();
      }
    });

    it('never shows where the server keeps its files: model ids and public folder names only', async () => {
      folder.addModel('broken-model', { onnx: Buffer.from('not an onnx model') });
      folder.addModel('incomplete');
      rmSync(join(folder.path, 'incomplete', 'tokenizer.json'));
      const hubModel = DEFAULT_MODELS.find((model) => model.id.startsWith('Xenova/'))!.id;
      const ai = { models: [{ id: 'crypto-sentiment-bow' }, { id: hubModel }], loadMode: 'lazy' };
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai }, env: { MODELS_DIR: folder.path } });
      try {
        const answers = await Promise.all(['broken-model', 'incomplete', hubModel].map((model) => postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges', model })));
        expect(answers.map((answer) => answer.status)).to.deep.equal([409, 409, 404]);
        expect(answers[1]!.body.error!.message).to.equal('Model "incomplete" is not available: it failed to load: MODELS_DIR/incomplete lacks tokenizer.json');
        expect(answers[2]!.body.error!.message).to.equal(`Model "${hubModel}" is not available: not found locally (no ${hubModel}/config.json in models/, MODELS_DIR/) and ai.allowRemoteModels is false`);
        const listing = await (await fetch(`${app.baseUrl}/api/ai/models`)).text();
        const sources = Object.fromEntries((JSON.parse(listing) as SentimentStatusSnapshot).models.map((model) => [model.id, model.source]));
        expect(sources).to.deep.include({
          'crypto-sentiment-bow': { kind: 'local', path: 'models/crypto-sentiment-bow' },
          'broken-model': { kind: 'local', path: 'MODELS_DIR/broken-model' },
          [hubModel]: { kind: 'unavailable' },
        });
        for (const text of [listing, ...answers.map((answer) => JSON.stringify(answer.body))]) {
          expect(text).not.to.contain(folder.path);
          expect(text).not.to.contain(dirname(PROJECT_MODELS_FOLDER));
          expect(text).not.to.contain(tmpdir());
        }
      } finally {
        await app.stop();
      }
    });

    it('falls back to a loaded model when the default fails', async () => {
      folder.addModel('broken-model', { onnx: Buffer.from('garbage') });
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, defaultModel: 'broken-model' } }, env: { MODELS_DIR: folder.path } });
      try {
        await settledModels(app.app);
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges' });
        expect(response.status).to.equal(200);
        expect(response.body.model).to.equal('crypto-sentiment-linear');
      } finally {
        await app.stop();
      }
    });
  });

  describe('model states', () => {
    it('reports each default hub model that is not available offline once, at info, as unavailable; a request naming one gets 404', async () => {
      const { logger, lines } = capturingLogger();
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'] }, logger });
      try {
        await settledModels(app.app);
        const hubIds = DEFAULT_MODELS.map((model) => model.id).filter((id) => id.startsWith('Xenova/'));
        expect(hubIds).to.have.length(3);
        const snapshot = await models(app);
        for (const id of hubIds) {
          const status = snapshot.models.find((model) => model.id === id)!;
          expect(status).to.deep.include({ state: 'unavailable', source: { kind: 'unavailable' } });
          expect((status as { reason: string }).reason).to.match(/^not found locally .* and ai\.allowRemoteModels is false$/);
        }
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges', model: hubIds[0] });
        expect(response.status).to.equal(404);
        expect(response.body.error!.code).to.equal('model_unavailable');
        expect(response.body.error!.message).to.match(new RegExp(`^Model "${hubIds[0]}" is not available: not found locally`));
        expect(response.retryAfter).to.equal(null);
        expect((await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin surges' })).status, 'the default model still serves').to.equal(200);

        const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string; plugin?: string; model?: string }).filter((line) => line.plugin === 'ai-sentiment');
        expect(logged.filter((line) => line.level >= 40), 'no warning at start').to.deep.equal([]);
        const unavailable = logged.filter((line) => line.msg === 'Sentiment model unavailable offline');
        expect(unavailable.map((line) => [line.level, line.model])).to.deep.equal(hubIds.map((id) => [30, id]));
      } finally {
        await app.stop();
      }
    });

    it('answers 503 with Retry-After, naming the model, while a named model is still loading, then serves it', async () => {
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, loadMode: 'lazy', loadWaitMs: 0 } } });
      try {
        const loading = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin soars', model: 'crypto-sentiment-bow' });
        expect(loading.status).to.equal(503);
        expect(loading.body.error!.code).to.equal('model_loading');
        expect(loading.body.error!.message).to.match(/^Model "crypto-sentiment-bow" is still loading/);
        expect(loading.retryAfter).to.equal('5');
        await settledModels(app.app);
        const served = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin soars', model: 'crypto-sentiment-bow' });
        expect(served.status).to.equal(200);
        expect(served.body.model).to.equal('crypto-sentiment-bow');
      } finally {
        await app.stop();
      }
    });

    it('answers 503 with Retry-After while the default model is still loading and no other is loaded', async () => {
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, loadMode: 'lazy', loadWaitMs: 0 } } });
      try {
        const loading = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin soars' });
        expect(loading.status).to.equal(503);
        expect(loading.body.error!.code).to.equal('model_loading');
        expect(loading.retryAfter).to.equal('5');
        await settledModels(app.app);
        expect((await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin soars' })).status).to.equal(200);
      } finally {
        await app.stop();
      }
    });
  });

  describe('loading', () => {
    it('loads nothing before the first request in lazy mode', async () => {
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, loadMode: 'lazy' } } });
      try {
        expect((await models(app)).models[0]).to.include({ state: 'not-loaded' });
        const response = await postJson(`${app.baseUrl}/api/ai/sentiment`, { text: 'Bitcoin soars' });
        expect(response.status).to.equal(200);
        expect((await models(app)).models[0]).to.include({ state: 'loaded' });
      } finally {
        await app.stop();
      }
    });

    it('does not hold up /readyz while models load in the background', async () => {
      const app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: OWN_MODEL_ONLY } });
      try {
        expect((await fetch(`${app.baseUrl}/readyz`)).status).to.equal(200);
        await settledModels(app.app);
      } finally {
        await app.stop();
      }
    });

    it('rejects a default model that is in no registry, naming the key', async () => {
      let error: Error | undefined;
      try {
        await createTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, defaultModel: 'ghost' } } });
      } catch (caught) {
        error = caught as Error;
      }
      expect(error?.message).to.match(/at "ai\.defaultModel": model "ghost" is neither in ai\.models nor in a local models folder/);
    });

    it('rejects invalid options, naming the key', async () => {
      let error: Error | undefined;
      try {
        await createTestApp({ config: { plugins: ['ai-sentiment'], ai: { loadMode: 'eager' } } });
      } catch (caught) {
        error = caught as Error;
      }
      expect(error?.message).to.match(/ai\.loadMode/).and.to.match(/expected "background" or "lazy"/);
    });

    it('rejects a negative loadWaitMs, naming the key', async () => {
      const error = await createTestApp({ config: { plugins: ['ai-sentiment'], ai: { loadWaitMs: -1 } } }).catch((caught: unknown) => caught as Error);
      expect((error as Error).message).to.match(/at "ai\.loadWaitMs": must be at least 0/);
    });
  });

  describe('with MODELS_DIR=../shared/models (sst2-bow-uncased, a model this project did not build)', () => {
    const sharedModels = resolve(process.env.MODELS_DIR ?? join('..', 'shared', 'models'));
    let app: TestApp;

    before(async function () {
      if (!existsSync(resolve(sharedModels, 'sst2-bow-uncased', 'config.json'))) {
        console.log(`      skipped: ${sharedModels}/sst2-bow-uncased is absent (it exists only on the project's build machines; set MODELS_DIR to a folder holding it)`);
        this.skip();
      }
      app = await startTestApp({ config: { plugins: ['ai-sentiment'], ai: { ...OWN_MODEL_ONLY, loadMode: 'lazy' } }, env: { MODELS_DIR: sharedModels } });
    });

    after(() => app?.stop());

    it('lists it as discovered and labels clearly polar crypto headlines right', async () => {
      const discovered = (await models(app)).models.find((model) => model.id === 'sst2-bow-uncased');
      expect(discovered).to.include({ discovered: true, state: 'not-loaded' });
      const texts = [
        'Bitcoin rallies to a great new high, a wonderful day for investors',
        'Investors love the excellent ETF approval',
        'Exchange hacked: a terrible loss, users lose everything',
        'Scam token crashes, a horrible and painful failure',
      ];
      const { status, body } = await postJson(`${app.baseUrl}/api/ai/sentiment`, { texts, model: 'sst2-bow-uncased' });
      expect(status).to.equal(200);
      const answer = body as unknown as SentimentAnswer;
      expect(answer.results.map((result) => result.label)).to.deep.equal(['positive', 'positive', 'negative', 'negative']);
      expect(Object.keys(answer.results[0]!.scores).sort()).to.deep.equal(['negative', 'positive']);
      expect((await models(app)).models.find((model) => model.id === 'sst2-bow-uncased')).to.include({ state: 'loaded' });
    });
  });
});
