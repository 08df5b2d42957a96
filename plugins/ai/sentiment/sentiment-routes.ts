import type { Router } from '@koa/router';
import { inject, injectable } from 'inversify';
import type { z } from 'zod';
import { BadRequestError, type RouteContribution } from '../../../core/index.js';
import { ModelRegistry } from './model-registry.js';
import { SentimentClassifier } from './sentiment-classifier.js';
import { SentimentConfig } from './sentiment-config.js';
import { sentimentRequestSchema, type SentimentRequest } from './sentiment-request-schema.js';

/** `texts[2]` for path `['texts', 2]`. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`)).join('');
}

/** The 400 for an invalid body names the field: `texts[1]: must not be empty`. */
function badRequest(error: z.ZodError): BadRequestError {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return new BadRequestError(`${issue.keys.join(', ')}: unknown field (expected text, texts, model)`);
  return new BadRequestError(`${fieldName(issue.path)}: ${issue.message}`);
}

/** `POST /api/ai/sentiment` and `GET /api/ai/models` (SPEC §7). */
@injectable()
export class SentimentRoutes implements RouteContribution {
  private readonly schema: z.ZodType<SentimentRequest>;

  constructor(
    @inject(SentimentConfig) config: SentimentConfig,
    @inject(SentimentClassifier) private readonly classifier: SentimentClassifier,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
  ) {
    this.schema = sentimentRequestSchema(config);
  }

  registerRoutes(router: Router): void {
    router.post('/api/ai/sentiment', async (ctx) => {
      const parsed = this.schema.safeParse(ctx.request.body);
      if (!parsed.success) throw badRequest(parsed.error);
      ctx.body = await this.classifier.classify(parsed.data.texts, parsed.data.model);
    });

    router.get('/api/ai/models', (ctx) => {
      ctx.body = this.registry.snapshot();
    });
  }
}
