import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { BadRequestError, ServiceUnavailableError, Logger } from '../../../core/index.js';
import { resolveLabelMapping } from './label-mapping.js';
import { LoadProgress } from './load-progress.js';
import { ModelFailedError, ModelLoadingError, ModelUnavailableError, isModelLoadingError } from './model-errors.js';
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
  /**
   * The model a request should use, waiting at most `ai.loadWaitMs` for one still loading.
   * BadRequestError for an unknown id; for a named model, ModelLoadingError (503) while it loads,
   * ModelUnavailableError (404) or ModelFailedError (409) when it will not load; without a name,
   * ServiceUnavailableError when no model can serve.
   */
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

/** Seconds a client is asked to wait for a model that is still loading. */
const LOADING_RETRY_AFTER_SECONDS = 5;

/**
 * The model registry over transformers.js: the configured models plus those found in the local
 * models folders, each with its load state. A model this deployment cannot have (not on disk, the
 * hub not allowed) is `unavailable` from the start, said once at info; one that cannot load fails
 * with its reason. Neither is ever replaced by made-up results.
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
    for (const entry of config.models) this.models.set(entry.id, { entry, discovered: false, state: this.initialState(entry.id) });
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

  /** The named model, or the default, or when the default cannot serve, any loaded model. */
  async acquire(requested: string | undefined): Promise<LoadedModel> {
    if (requested !== undefined) {
      if (!this.models.has(requested)) throw new BadRequestError(`model: unknown model "${requested}"; known models: ${this.ids.join(', ')}`);
      return this.serve(requested);
    }
    let defaultError: unknown;
    try {
      return await this.serve(this.config.defaultModel);
    } catch (error) {
      // The default cannot serve (yet); any model that did load can still answer.
      defaultError = error;
    }
    const fallback = [...this.models.values()].find((model) => model.loaded !== undefined);
    if (fallback?.loaded !== undefined) return fallback.loaded;
    if (isModelLoadingError(defaultError)) throw defaultError;
    const reasons = [...this.models.values()].map((model) => `${model.entry.id}: ${describe(model.state)}`);
    throw new ServiceUnavailableError(`No sentiment model is available (${reasons.join('; ')})`, { retryAfterSeconds: 30 });
  }

  ensureLoaded(id: string): Promise<LoadedModel> {
    const model = this.models.get(id)!;
    if (model.loaded !== undefined) return Promise.resolve(model.loaded);
    if (model.state.state === 'failed' || model.state.state === 'unavailable') return Promise.reject(new Error(model.state.reason));
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

  /**
   * Serves a model once loaded, waiting up to `ai.loadWaitMs` for a load (started here in lazy
   * mode); a model that will not load is answered at once, naming it.
   */
  private async serve(id: string): Promise<LoadedModel> {
    const model = this.models.get(id)!;
    if (model.loaded !== undefined) return model.loaded;
    if (model.state.state === 'unavailable') throw new ModelUnavailableError(`Model "${id}" is not available: ${model.state.reason}`);
    const loading = this.ensureLoaded(id).catch(() => undefined);
    const loaded = this.config.loadWaitMs === 0 ? undefined : await within(loading, this.config.loadWaitMs);
    if (loaded !== undefined) return loaded;
    if (model.state.state === 'failed') throw new ModelFailedError(`Model "${id}" is not available: it failed to load: ${model.state.reason}`);
    const progress = model.state.state === 'loading' ? ` (${model.state.percent}% read)` : '';
    throw new ModelLoadingError(`Model "${id}" is still loading${progress}; retry in ${LOADING_RETRY_AFTER_SECONDS} s`, { retryAfterSeconds: LOADING_RETRY_AFTER_SECONDS });
  }

  /** `unavailable` for a listed model neither on disk nor allowed from the hub, said once; else `not-loaded`. */
  private initialState(id: string): ModelLoadState {
    if (this.folders.locate(id) !== undefined || this.config.allowRemoteModels) return { state: 'not-loaded' };
    const reason = `not found locally (no ${id}/config.json in ${this.folders.describeFolders()}) and ai.allowRemoteModels is false`;
    this.logger.info({ model: id, reason }, 'Sentiment model unavailable offline');
    return { state: 'unavailable', reason };
  }

  private sourceOf(id: string): ModelSource {
    const local = this.folders.locate(id);
    if (local !== undefined) return { kind: 'local', path: this.folders.redact(local.path) };
    return this.config.allowRemoteModels ? { kind: 'hub' } : { kind: 'unavailable' };
  }

  private async load(model: RegistryModel): Promise<LoadedModel> {
    const { entry } = model;
    try {
      const local = this.folders.locate(entry.id);
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
      // The log keeps the server's paths for the operator; the state, shown to clients, does not.
      const reason = reasonOf(error);
      model.state = { state: 'failed', reason: this.folders.redact(reason) };
      this.logger.warn({ model: entry.id, reason }, 'Sentiment model failed to load');
      throw new Error(model.state.reason, { cause: error });
    }
  }
}

/** The error's message with its causes: "fetch failed" alone does not say the host is unreachable. */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error && parts.length < 4; current = current.cause) parts.push(current.message);
  return parts.join(': ');
}

/** `work`'s value, or undefined when it takes longer than `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(state: ModelLoadState): string {
  switch (state.state) {
    case 'failed':
      return `failed: ${state.reason}`;
    case 'unavailable':
      return `unavailable: ${state.reason}`;
    case 'loading':
      return `still loading (${state.percent}%)`;
    default:
      return state.state;
  }
}
