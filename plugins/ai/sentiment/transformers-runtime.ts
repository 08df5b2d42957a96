import type { TransformersProgressEvent } from './load-progress.js';
import type { LocalModel } from './model-folders.js';

/** Scores of every label for one text, as transformers.js returns them. */
export type LabelScores = Array<{ label: string; score: number }>;

/** A loaded text-classification pipeline. */
export interface TextClassifier {
  /** The model's labels (`config.id2label`), in id order. */
  readonly labels: string[];
  /** How long the load took once it started: queueing excluded, importing transformers.js included for the first load. */
  readonly loadMs: number;
  /** Classifies a batch in one pipeline call: one list of label scores per text. */
  classify(texts: string[]): Promise<LabelScores[]>;
  dispose(): Promise<void>;
}

/** What to load and from where. */
export interface PipelineRequest {
  id: string;
  task: 'sentiment-analysis' | 'text-classification';
  quantized: boolean;
  /** Set when the model is on disk; otherwise it comes from the hub. */
  local: LocalModel | undefined;
  /**
   * Where hub downloads are stored, laid out as `<dir>/<id>/...` like a local models folder, so
   * the next start finds them on disk. Unset: transformers.js's own cache folder.
   */
  downloadDir: string | undefined;
  timeoutMs: number;
  onProgress(event: TransformersProgressEvent): void;
}

type Transformers = typeof import('@xenova/transformers');

interface RawPipeline {
  (texts: string[], options: { topk: number }): Promise<LabelScores[]>;
  model: { config: { id2label?: Record<string, string> } };
  dispose(): Promise<void>;
}

/**
 * transformers.js on the CPU (onnxruntime-node). Imported on first use so a deployment without the
 * plugin pays nothing. Loads run one at a time: `env.localModelPath` and `env.allowRemoteModels`
 * are process-wide, and each load sets them for its own source.
 */
export class TransformersRuntime {
  private transformers: Promise<Transformers> | undefined;
  private imported = false;
  private queue: Promise<unknown> = Promise.resolve();

  /** True once @xenova/transformers imported successfully. */
  get transformersLoaded(): boolean {
    return this.imported;
  }

  /** Loads a pipeline after the loads queued before it; rejects with the reason on failure or timeout. */
  load(request: PipelineRequest): Promise<TextClassifier> {
    const run = this.queue.then(() => withTimeout(this.loadNow(request), request.timeoutMs, `loading took longer than ${request.timeoutMs} ms (ai.loadTimeoutMs)`));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNow(request: PipelineRequest): Promise<TextClassifier> {
    const started = performance.now();
    const { env, pipeline } = await this.importTransformers();
    env.allowLocalModels = request.local !== undefined;
    env.allowRemoteModels = request.local === undefined;
    if (request.local !== undefined) env.localModelPath = request.local.folder;
    if (request.downloadDir !== undefined) env.cacheDir = request.downloadDir;
    const raw = (await pipeline(request.task, request.id, {
      quantized: request.quantized,
      progress_callback: (event: TransformersProgressEvent) => request.onProgress(event),
    })) as unknown as RawPipeline;
    const id2label = raw.model.config.id2label ?? {};
    const labels = Object.keys(id2label)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => id2label[key]!);
    return {
      labels,
      loadMs: Math.round(performance.now() - started),
      // topk 0 asks transformers.js for every label's score, not only the best one.
      classify: (texts) => raw(texts, { topk: 0 }),
      dispose: () => raw.dispose(),
    };
  }

  private importTransformers(): Promise<Transformers> {
    this.transformers ??= import('@xenova/transformers').then(
      (module) => {
        this.imported = true;
        return module;
      },
      (error: unknown) => {
        throw new Error(`transformers.js could not be loaded: ${(error as Error).message}`, { cause: error });
      },
    );
    return this.transformers;
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
