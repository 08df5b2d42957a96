import { expect } from 'chai';
import { ServiceUnavailableError } from '../../../../core/errors/index.js';
import type { LoadedModel, ModelRegistry } from '../../../../plugins/ai/sentiment/model-registry.js';
import { SentimentClassifier } from '../../../../plugins/ai/sentiment/sentiment-classifier.js';
import { SentimentConfigSchema, type Sentiment } from '../../../../plugins/ai/sentiment/sentiment-config.js';
import type { LabelScores, TextClassifier } from '../../../../plugins/ai/sentiment/transformers-runtime.js';

/** A 5-star model double: "great" texts get 5 stars, others 1 star; records each pipeline call. */
class StarsClassifier implements TextClassifier {
  readonly labels = ['1 star', '2 stars', '3 stars', '4 stars', '5 stars'];
  readonly loadMs = 1;
  readonly calls: string[][] = [];
  gate: Promise<void> = Promise.resolve();

  async classify(texts: string[]): Promise<LabelScores[]> {
    this.calls.push(texts);
    await this.gate;
    return texts.map((text) =>
      text.includes('great')
        ? [{ label: '5 stars', score: 0.5 }, { label: '4 stars', score: 0.3 }, { label: '3 stars', score: 0.1 }, { label: '2 stars', score: 0.05 }, { label: '1 star', score: 0.05 }]
        : [{ label: '1 star', score: 0.6 }, { label: '2 stars', score: 0.2 }, { label: '3 stars', score: 0.1 }, { label: '4 stars', score: 0.05 }, { label: '5 stars', score: 0.05 }],
    );
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

function registryWith(model: LoadedModel): ModelRegistry {
  return {
    ids: [model.id],
    acquire: () => Promise.resolve(model),
    ensureLoaded: () => Promise.resolve(model),
    loadAllInBackground: () => undefined,
    snapshot: () => ({ transformers_loaded: true, mode: 'cpu', models: [] }),
    dispose: () => Promise.resolve(),
  };
}

const STARS: ReadonlyMap<string, Sentiment> = new Map([
  ['1 star', 'negative'],
  ['2 stars', 'negative'],
  ['3 stars', 'neutral'],
  ['4 stars', 'positive'],
  ['5 stars', 'positive'],
]);

describe('SentimentClassifier', () => {
  it('runs texts in chunks of ai.chunkSize and keeps their order', async () => {
    const stars = new StarsClassifier();
    const classifier = new SentimentClassifier(SentimentConfigSchema.parse({ chunkSize: 2 }), registryWith({ id: 'stars', classifier: stars, mapping: STARS }));
    const answer = await classifier.classify(['great', 'awful', 'great news', 'meh', 'great']);
    expect(stars.calls.map((call) => call.length)).to.deep.equal([2, 2, 1]);
    expect(answer.model).to.equal('stars');
    expect(answer.results.map((result) => result.label)).to.deep.equal(['positive', 'negative', 'positive', 'negative', 'positive']);
  });

  it('folds model labels into sentiments by summing their scores', async () => {
    const classifier = new SentimentClassifier(SentimentConfigSchema.parse({}), registryWith({ id: 'stars', classifier: new StarsClassifier(), mapping: STARS }));
    const [result] = (await classifier.classify(['great'])).results;
    expect(result).to.deep.equal({ label: 'positive', score: 0.8, scores: { positive: 0.8, neutral: 0.1, negative: 0.1 } });
  });

  it('answers 503 when every inference slot and queue place is taken, and serves again after', async () => {
    const stars = new StarsClassifier();
    let release!: () => void;
    stars.gate = new Promise((resolve) => (release = resolve));
    const classifier = new SentimentClassifier(SentimentConfigSchema.parse({ concurrency: 1, queueSize: 0 }), registryWith({ id: 'stars', classifier: stars, mapping: STARS }));
    const first = classifier.classify(['great']);
    const refused = await classifier.classify(['great']).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).message).to.match(/at capacity \(1 running, 0 queued\)/);
    expect((refused as ServiceUnavailableError).retryAfterSeconds).to.equal(1);
    release();
    expect((await first).results[0]!.label).to.equal('positive');
    expect((await classifier.classify(['awful'])).results[0]!.label).to.equal('negative');
  });
});
