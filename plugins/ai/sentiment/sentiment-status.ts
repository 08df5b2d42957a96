/**
 * Where a model is loaded from. A local `path` is public: relative to the project (`models/<id>`)
 * or under the setting that names its folder (`MODELS_DIR/<id>`), never the server's absolute path.
 */
export type ModelSource = { kind: 'local'; path: string } | { kind: 'hub' } | { kind: 'unavailable' };

/**
 * A model's load state, as the status API shows it. `unavailable`: not on disk and the hub not
 * allowed, so this deployment cannot have it (not a failure); `failed`: it should have loaded and
 * did not (a broken file, unmapped labels, the hub unreachable). Reasons never hold server paths.
 */
export type ModelLoadState =
  | { state: 'not-loaded' }
  | { state: 'loading'; percent: number; bytes: number }
  | { state: 'loaded'; loadMs: number }
  | { state: 'unavailable'; reason: string }
  | { state: 'failed'; reason: string };

/** One registry model in the status. */
export type ModelStatus = ModelLoadState & {
  id: string;
  task: string;
  default: boolean;
  /** True when found in a local models folder rather than listed in `ai.models`. */
  discovered: boolean;
  source: ModelSource;
};

/** The sentiment plugin's state, read by `GET /api/ai/models` and the `ai_models` status section. */
export interface SentimentStatusSnapshot {
  /** True once @xenova/transformers (and onnxruntime-node) imported successfully. */
  transformers_loaded: boolean;
  mode: 'cpu';
  models: ModelStatus[];
}

/** Reads the sentiment plugin's state. */
export interface SentimentStatus {
  snapshot(): SentimentStatusSnapshot;
}

/** Injection token for SentimentStatus (bound by the `ai-sentiment` plugin). */
export const SentimentStatus = Symbol.for('crypto-datasource.SentimentStatus');
