import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { BadRequestError, ServiceUnavailableError } from '../../../core/errors/index.js';
import { Logger } from '../../../core/logging/logger.js';
import { resolveLabelMapping } from './label-mapping.js';
import { LoadProgress } from './load-progress.js';
import { ModelFolders } from './model-folders.js';
import { SentimentConfig, type ModelEntry, type Sentiment } from './sentiment-config.js';
import type { ModelLoadState, ModelSource, SentimentStatus, SentimentStatusSnapshot } from './sentiment-status.js';
import { TransformersRuntime, type TextClassifier } from './transformers-runtime.js';

/** A model ready for inference. */
export interface LoadedModel {
  id: string;
  classifier: TextClassifier;
  /** Model label → sentiment, covering every label. */
  mapping: ReadonlyMap<string, Sentiment>;
}

/** The registry of sentiment models and their load states. */
export interface ModelRegistry extends SentimentStatus {
  /** Ids of every model in the registry. */
  readonly ids: string[];
  loadAllInBackground(): void;
  /** The model a request should use; BadRequestError for an unknown id, ServiceUnavailableError when none can serve. */
  acquire(requested: string | undefined): Promise<LoadedModel>;
  ensureLoaded(id: string): Promise<LoadedModel>;
  /** Releases every loaded pipeline. */
  dispose(): Promise<void>;
}

/** Injection token for ModelRegistry (global, so a test and a plugin loaded by path share it). */
export const ModelRegistry = Symbol.for('crypto-datasource.ai.ModelRegistry');

interface RegistryModel {
  entry: ModelEntry;
  discovered: boolean;
  state: ModelLoadState;
  loading?: Promise<LoadedModel>;
  loaded?: LoadedModel;
}

/**
 * The model registry over transformers.js: the configured models plus those found in the local
 * models folders, each with its load state. A model that cannot be reached fails at once with its
 * reason, and is never replaced by made-up results.
 */
@injectable()
export class TransformersModelRegistry implements ModelRegistry {
  private readonly models = new Map<string, RegistryModel>();
  private readonly logger: Logger;

  constructor(
    @inject(SentimentConfig) private readonly config: SentimentConfig,
    @inject(ModelFolders) private readonly folders: ModelFolders,
    @inject(TransformersRuntime) private readonly runtime: TransformersRuntime,
    @inject(Logger) logger: Logger,
  ) {
    this.logger = logger.child({ plugin: 'ai-sentiment' });
    for (const entry of config.models) this.models.set(entry.id, { entry, discovered: false, state: { state: 'not-loaded' } });
    for (const id of config.discoverLocalModels ? folders.discover() : []) {
      if (this.models.has(id)) continue;
      const quantized = existsSync(join(folders.locate(id)!.path, 'onnx', 'model_quantized.onnx'));
      this.models.set(id, { entry: { id, task: 'sentiment-analysis', quantized }, discovered: true, state: { state: 'not-loaded' } });
    }
  }

  get ids(): string[] {
    return [...this.models.keys()];
  }

  loadAllInBackground(): void {
    const ids = [this.config.defaultModel, ...this.ids.filter((id) => id !== this.config.defaultModel)];
    for (const id of ids) if (this.models.has(id)) this.ensureLoaded(id).catch(() => undefined);
  }

  /** The named model, or the default, or when the default cannot load, any loaded model. */
  async acquire(requested: string | undefined): Promise<LoadedModel> {
    if (requested !== undefined) {
      if (!this.models.has(requested)) throw new BadRequestError(`model: unknown model "${requested}"; known models: ${this.ids.join(', ')}`);
      return this.ensureLoaded(requested).catch((error: unknown) => {
        throw new ServiceUnavailableError(`Model "${requested}" is not available: ${(error as Error).message}`);
      });
    }
    const defaultId = this.config.defaultModel;
    try {
      return await this.ensureLoaded(defaultId);
    } catch {
      // The default failed; any model that did load can still answer.
    }
    const fallback = [...this.models.values()].find((model) => model.loaded !== undefined);
    if (fallback?.loaded !== undefined) return fallback.loaded;
    const reasons = [...this.models.values()].map((model) => `${model.entry.id}: ${describe(model.state)}`);
    throw new ServiceUnavailableError(`No sentiment model is available (${reasons.join('; ')})`, { retryAfterSeconds: 30 });
  }

  ensureLoaded(id: string): Promise<LoadedModel> {
    const model = this.models.get(id)!;
    if (model.loaded !== undefined) return Promise.resolve(model.loaded);
    if (model.state.state === 'failed') return Promise.reject(new Error(model.state.reason));
    model.loading ??= this.load(model);
    return model.loading;
  }

  snapshot(): SentimentStatusSnapshot {
    return {
      transformers_loaded: this.runtime.transformersLoaded,
      mode: 'cpu',
      models: [...this.models.values()].map((model) => ({
        id: model.entry.id,
        task: model.entry.task,
        default: model.entry.id === this.config.defaultModel,
        discovered: model.discovered,
        source: this.sourceOf(model.entry.id),
        ...model.state,
      })),
    };
  }

  async dispose(): Promise<void> {
    const loaded = [...this.models.values()].flatMap((model) => (model.loaded === undefined ? [] : [model.loaded]));
    await Promise.allSettled(loaded.map((model) => model.classifier.dispose()));
  }

  private sourceOf(id: string): ModelSource {
    const local = this.folders.locate(id);
    if (local !== undefined) return { kind: 'local', path: local.path };
    return this.config.allowRemoteModels ? { kind: 'hub' } : { kind: 'unavailable' };
  }

  private async load(model: RegistryModel): Promise<LoadedModel> {
    const { entry } = model;
    try {
      const local = this.folders.locate(entry.id);
      if (local === undefined && !this.config.allowRemoteModels) {
        throw new Error(`not found locally (no ${entry.id}/config.json in ${this.folders.folders.join(', ')}) and ai.allowRemoteModels is false`);
      }
      const missing = local === undefined ? [] : this.folders.missingFiles(local, entry.quantized);
      if (local !== undefined && missing.length > 0) throw new Error(`${local.path} lacks ${missing.join(', ')}`);
      const progress = new LoadProgress();
      model.state = { state: 'loading', ...progress.current() };
      const classifier = await this.runtime.load({
        id: entry.id,
        task: entry.task,
        quantized: entry.quantized,
        local,
        downloadDir: this.folders.configured,
        timeoutMs: this.config.loadTimeoutMs,
        onProgress: (event) => {
          if (model.state.state === 'loading') model.state = { state: 'loading', ...progress.update(event) };
        },
      });
      let mapping: Map<string, Sentiment>;
      try {
        mapping = resolveLabelMapping(classifier.labels, entry.labels);
      } catch (error) {
        await classifier.dispose();
        throw error;
      }
      const { loadMs } = classifier;
      model.loaded = { id: entry.id, classifier, mapping };
      model.state = { state: 'loaded', loadMs };
      this.logger.info({ model: entry.id, loadMs }, 'Sentiment model loaded');
      return model.loaded;
    } catch (error) {
      const reason = reasonOf(error);
      model.state = { state: 'failed', reason };
      this.logger.warn({ model: entry.id, reason }, 'Sentiment model failed to load');
      throw new Error(reason, { cause: error });
    }
  }
}

/** The error's message with its causes: "fetch failed" alone does not say the host is unreachable. */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error && parts.length < 4; current = current.cause) parts.push(current.message);
  return parts.join(': ');
}

function describe(state: ModelLoadState): string {
  switch (state.state) {
    case 'failed':
      return `failed: ${state.reason}`;
    case 'loading':
      return `still loading (${state.percent}%)`;
    default:
      return state.state;
  }
}
