import { setImmediate as nextTurn } from 'node:timers/promises';
import { bulkhead, isBulkheadRejectedError, type BulkheadPolicy } from 'cockatiel';
import { inject, injectable } from 'inversify';
import { ServiceUnavailableError } from '../../../core/index.js';
import { ModelRegistry, type LoadedModel } from './model-registry.js';
import { SENTIMENTS, SentimentConfig, type Sentiment } from './sentiment-config.js';
import type { LabelScores } from './transformers-runtime.js';

/** The sentiment of one text: the winning label and every sentiment's score. */
export interface SentimentResult {
  label: Sentiment;
  score: number;
  /** Probability per sentiment the model can express (a 2-label model has no neutral). */
  scores: Partial<Record<Sentiment, number>>;
}

/** Sentiments of a batch of texts, in input order, and the model that produced them. */
export interface SentimentAnswer {
  model: string;
  results: SentimentResult[];
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Folds a model's label scores into sentiments (e.g. "4 stars" and "5 stars" both count as positive). */
function toResult(labelScores: LabelScores, mapping: ReadonlyMap<string, Sentiment>): SentimentResult {
  const scores: Partial<Record<Sentiment, number>> = {};
  for (const { label, score } of labelScores) {
    const sentiment = mapping.get(label)!;
    scores[sentiment] = (scores[sentiment] ?? 0) + score;
  }
  let best: Sentiment = 'neutral';
  for (const sentiment of SENTIMENTS) if ((scores[sentiment] ?? -1) > (scores[best] ?? -1)) best = sentiment;
  const rounded = Object.fromEntries(Object.entries(scores).map(([sentiment, score]) => [sentiment, round(score)]));
  return { label: best, score: round(scores[best]!), scores: rounded };
}

/**
 * Runs sentiment inference: texts go through the pipeline in chunks of `ai.chunkSize`, yielding
 * to the event loop between chunks (onnxruntime-node runs a chunk on the main thread), and at most
 * `ai.concurrency` jobs run at once with `ai.queueSize` waiting; beyond that, 503.
 */
@injectable()
export class SentimentClassifier {
  private readonly slots: BulkheadPolicy;

  constructor(
    @inject(SentimentConfig) private readonly config: SentimentConfig,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
  ) {
    this.slots = bulkhead(config.concurrency, config.queueSize);
  }

  /** Classifies texts with the named model, or the default one. */
  async classify(texts: readonly string[], modelId?: string): Promise<SentimentAnswer> {
    const model = await this.registry.acquire(modelId);
    try {
      const results = await this.slots.execute(() => this.run(model, texts));
      return { model: model.id, results };
    } catch (error) {
      if (isBulkheadRejectedError(error)) {
        throw new ServiceUnavailableError(`Sentiment inference is at capacity (${this.config.concurrency} running, ${this.config.queueSize} queued); retry shortly`, {
          retryAfterSeconds: 1,
        });
      }
      throw error;
    }
  }

  private async run(model: LoadedModel, texts: readonly string[]): Promise<SentimentResult[]> {
    const results: SentimentResult[] = [];
    for (let start = 0; start < texts.length; start += this.config.chunkSize) {
      if (start > 0) await nextTurn();
      const chunk = texts.slice(start, start + this.config.chunkSize);
      const outputs = await model.classifier.classify(chunk);
      for (const output of outputs) results.push(toResult(output, model.mapping));
    }
    return results;
  }
}
