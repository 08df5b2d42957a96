import { inject, injectable } from 'inversify';
import { z } from 'zod';
import type { StatusContribution } from '../../../core/index.js';
import { SentimentStatus, type ModelStatus } from './sentiment-status.js';

/** The `ai_models` section of `/api/system/status`. */
export const AiModelsSectionSchema = z.strictObject({
  transformers_loaded: z.boolean().meta({ description: 'True once @xenova/transformers (onnxruntime-node) imported' }),
  mode: z.literal('cpu'),
  models_available: z.array(z.string()).meta({ description: 'Ids of the models loaded and ready to serve' }),
  models: z.array(
    z.strictObject({
      id: z.string(),
      task: z.string(),
      default: z.boolean(),
      state: z.enum(['not-loaded', 'loading', 'loaded', 'failed', 'unavailable']).meta({ description: 'unavailable: not on disk and hub downloads are off; failed: could not be loaded' }),
      progress_percent: z.number().min(0).max(100).nullable().meta({ description: 'While loading: bytes read of those announced; 100 once loaded; else null' }),
      loaded_bytes: z.int().min(0).nullable(),
      load_time_ms: z.number().min(0).nullable().meta({ description: 'How long the load took, once loaded' }),
      failure_reason: z.string().nullable().meta({ description: 'Why the model could not be loaded, once failed or unavailable' }),
      source: z.enum(['local', 'hub', 'unavailable']),
    }),
  ),
});

/** `ai_models` as JSON. */
export type AiModelsSection = z.output<typeof AiModelsSectionSchema>;

/** The sentiment plugin's `ai_models` section (SPEC §6.2), from the model registry's own state. */
@injectable()
export class SentimentStatusContribution implements StatusContribution {
  readonly section = 'ai_models';
  readonly schema = AiModelsSectionSchema;

  constructor(@inject(SentimentStatus) private readonly status: SentimentStatus) {}

  snapshot(): AiModelsSection {
    const { transformers_loaded, mode, models } = this.status.snapshot();
    return {
      transformers_loaded,
      mode,
      models_available: models.filter((model) => model.state === 'loaded').map((model) => model.id),
      models: models.map(describe),
    };
  }
}

function describe(model: ModelStatus): AiModelsSection['models'][number] {
  const common = { id: model.id, task: model.task, default: model.default, state: model.state, source: model.source.kind };
  switch (model.state) {
    case 'loading':
      return { ...common, progress_percent: model.percent, loaded_bytes: model.bytes, load_time_ms: null, failure_reason: null };
    case 'loaded':
      return { ...common, progress_percent: 100, loaded_bytes: null, load_time_ms: model.loadMs, failure_reason: null };
    case 'failed':
    case 'unavailable':
      return { ...common, progress_percent: null, loaded_bytes: null, load_time_ms: null, failure_reason: model.reason };
    default:
      return { ...common, progress_percent: null, loaded_bytes: null, load_time_ms: null, failure_reason: null };
  }
}
