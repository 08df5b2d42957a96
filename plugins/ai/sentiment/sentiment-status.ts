/** Where a model is loaded from. */
export type ModelSource = { kind: 'local'; path: string } | { kind: 'hub' } | { kind: 'unavailable' };

/** A model's load state, as the status API shows it. */
export type ModelLoadState =
  | { state: 'not-loaded' }
  | { state: 'loading'; percent: number; bytes: number }
  | { state: 'loaded'; loadMs: number }
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
