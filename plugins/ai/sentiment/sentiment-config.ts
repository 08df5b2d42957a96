import { z } from 'zod';

/** The three sentiments every model's labels are mapped to. */
export const SENTIMENTS = ['positive', 'negative', 'neutral'] as const;
/** One of {@link SENTIMENTS}. */
export type Sentiment = (typeof SENTIMENTS)[number];

/** The project's trained offline model (models/crypto-sentiment-linear, built by `npm run model:build`): the default. */
export const PROJECT_MODEL_ID = 'crypto-sentiment-linear';
/** The project's lexicon model (models/crypto-sentiment-bow), the second offline model. */
export const LEXICON_MODEL_ID = 'crypto-sentiment-bow';

/** One registry entry: a transformers.js text-classification model and how its labels read. */
export const ModelEntrySchema = z.strictObject({
  /** Hub id (`Xenova/...`) or folder name under a local models folder. */
  id: z.string().trim().min(1, 'must not be empty'),
  task: z.enum(['sentiment-analysis', 'text-classification']).default('sentiment-analysis'),
  /** Model label → sentiment. Without it, labels are read from the model (positive/negative/neutral, N stars). */
  labels: z.record(z.string(), z.enum(SENTIMENTS, { error: 'expected positive, negative or neutral' })).optional(),
  /** Loads `onnx/model_quantized.onnx` instead of `onnx/model.onnx`. */
  quantized: z.boolean().default(true),
});

/** One validated registry entry. */
export type ModelEntry = z.infer<typeof ModelEntrySchema>;

/**
 * The default registry: the project's two offline models, and three public ONNX exports on the
 * Hugging Face hub for deployments that may download (`ai.allowRemoteModels`).
 */
export const DEFAULT_MODELS: ModelEntry[] = [
  { id: PROJECT_MODEL_ID, task: 'sentiment-analysis', labels: { negative: 'negative', neutral: 'neutral', positive: 'positive' }, quantized: true },
  { id: LEXICON_MODEL_ID, task: 'sentiment-analysis', labels: { negative: 'negative', neutral: 'neutral', positive: 'positive' }, quantized: true },
  { id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', task: 'sentiment-analysis', labels: { NEGATIVE: 'negative', POSITIVE: 'positive' }, quantized: true },
  { id: 'Xenova/twitter-roberta-base-sentiment-latest', task: 'sentiment-analysis', labels: { negative: 'negative', neutral: 'neutral', positive: 'positive' }, quantized: true },
  {
    id: 'Xenova/bert-base-multilingual-uncased-sentiment',
    task: 'sentiment-analysis',
    labels: { '1 star': 'negative', '2 stars': 'negative', '3 stars': 'neutral', '4 stars': 'positive', '5 stars': 'positive' },
    quantized: true,
  },
];

const count = (max: number): z.ZodNumber => z.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

/** The `ai` config section, owned by the `ai-sentiment` plugin. */
export const SentimentConfigSchema = z
  .strictObject({
    /** Folder of local models (`<folder>/<model id>/config.json`); env `MODELS_DIR` wins. The project's models/ is always searched first. */
    localModelPath: z.string().min(1).optional(),
    /** List the models found in the local folders besides `models`. */
    discoverLocalModels: z.boolean().default(true),
    /** May models missing locally be downloaded from the hub? Off by default so offline deployments fail fast. */
    allowRemoteModels: z.boolean().default(false),
    /** `background`: load every model at start; `lazy`: load a model on its first request. */
    loadMode: z.enum(['background', 'lazy'], { error: 'expected "background" or "lazy"' }).default('background'),
    /** A load that takes longer fails with this reason instead of hanging. */
    loadTimeoutMs: z.number().int().min(1000, 'must be at least 1000').default(120_000),
    /** How long a request waits for its model to finish loading before the answer is 503 with Retry-After; 0 answers at once. */
    loadWaitMs: z.number().int('must be a whole number').min(0, 'must be at least 0').max(120_000, 'must be at most 120000').default(10_000),
    /** Model used when a request names none. */
    defaultModel: z.string().min(1).default(PROJECT_MODEL_ID),
    /** Longest text accepted, in characters. */
    maxTextLength: count(100_000).default(2000),
    /** Most texts in one request. */
    maxBatchSize: count(10_000).default(64),
    /** Texts per pipeline call; the event loop gets a turn between calls. */
    chunkSize: count(1000).default(16),
    /** Inference jobs running at once. */
    concurrency: count(64).default(2),
    /** Jobs waiting for a slot before requests are refused with 503. */
    queueSize: z.number().int().min(0).max(10_000).default(64),
    models: z.array(ModelEntrySchema).min(1, 'expected at least one model').default(DEFAULT_MODELS),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.models.forEach((model, index) => {
      if (seen.has(model.id)) ctx.addIssue({ code: 'custom', path: ['models', index, 'id'], message: `model "${model.id}" is listed twice` });
      seen.add(model.id);
    });
  });

/** The validated, frozen `ai` section. */
export type SentimentConfig = z.infer<typeof SentimentConfigSchema>;

/** Injection token for the validated `ai` section. */
export const SentimentConfig = Symbol.for('crypto-datasource.SentimentConfig');
