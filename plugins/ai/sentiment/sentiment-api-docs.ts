import { inject, injectable } from 'inversify';
import { z } from 'zod';
import type { ApiOperation, OpenApiContribution } from '../../api/openapi/index.js';
import { SENTIMENTS, SentimentConfig } from './sentiment-config.js';
import { sentimentRequestSchema } from './sentiment-request-schema.js';

const score = z.number().min(0).max(1);

/** `POST /api/ai/sentiment` answers: the model used and one result per text, in input order. */
export const SentimentAnswerSchema = z.strictObject({
  model: z.string(),
  results: z.array(
    z.strictObject({
      label: z.enum(SENTIMENTS),
      score,
      scores: z.partialRecord(z.enum(SENTIMENTS), score).meta({ description: 'Probability per sentiment the model can express (a 2-label model has no neutral)' }),
    }),
  ),
});

const source = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('local'), path: z.string() }), z.strictObject({ kind: z.literal('hub') }), z.strictObject({ kind: z.literal('unavailable') })]);
const modelCommon = { id: z.string(), task: z.string(), default: z.boolean(), discovered: z.boolean(), source };

/** `GET /api/ai/models` answers: the registry and each model's load state. */
export const ModelsAnswerSchema = z.strictObject({
  transformers_loaded: z.boolean(),
  mode: z.literal('cpu'),
  models: z.array(
    z.discriminatedUnion('state', [
      z.strictObject({ ...modelCommon, state: z.literal('not-loaded') }),
      z.strictObject({ ...modelCommon, state: z.literal('loading'), percent: z.number().min(0).max(100), bytes: z.int().min(0) }),
      z.strictObject({ ...modelCommon, state: z.literal('loaded'), loadMs: z.number().min(0) }),
      z.strictObject({ ...modelCommon, state: z.literal('failed'), reason: z.string() }),
      z.strictObject({ ...modelCommon, state: z.literal('unavailable'), reason: z.string() }),
    ]),
  ),
});

/** The sentiment plugin's operations for `/api/openapi.json`. */
@injectable()
export class SentimentApiDocs implements OpenApiContribution {
  constructor(@inject(SentimentConfig) private readonly config: SentimentConfig) {}

  operations(): readonly ApiOperation[] {
    return [
      {
        method: 'post',
        path: '/api/ai/sentiment',
        operationId: 'classifySentiment',
        summary: 'Sentiment of one text or a batch, on the CPU with transformers.js',
        description: 'Give either `text` or `texts`; `model` picks a registry model, else the default one.',
        tags: ['ai'],
        body: sentimentRequestSchema(this.config),
        responses: {
          200: { description: 'One result per text, in input order', schema: SentimentAnswerSchema },
          400: { description: 'Invalid body; the message names the field', error: true },
          404: { description: 'The named model is not available offline (`model_unavailable`), with the reason', error: true },
          409: { description: 'The named model failed to load for good (`model_failed`), with the reason', error: true },
          503: { description: 'The model is still loading (`model_loading`, with Retry-After), no model can serve, or inference is at capacity', error: true },
        },
      },
      {
        method: 'get',
        path: '/api/ai/models',
        operationId: 'listModels',
        summary: 'The model registry and each model\'s load state',
        tags: ['ai'],
        responses: { 200: { description: 'The registry', schema: ModelsAnswerSchema } },
      },
    ];
  }
}
