import { z } from 'zod';
import type { SentimentConfig } from './sentiment-config.js';

/** A validated `POST /api/ai/sentiment` body. */
export interface SentimentRequest {
  /** `texts`, or `[text]`. */
  texts: string[];
  model: string | undefined;
}

/** The body schema for `POST /api/ai/sentiment`, with the limits from config. */
export function sentimentRequestSchema(limits: Pick<SentimentConfig, 'maxTextLength' | 'maxBatchSize'>): z.ZodType<SentimentRequest> {
  const text = z
    .string({ error: 'expected a string' })
    .refine((value) => value.trim() !== '', 'must not be empty')
    .refine((value) => value.length <= limits.maxTextLength, {
      error: (issue) => `is ${(issue.input as string).length} characters long; at most ${limits.maxTextLength} are allowed`,
    });
  return z
    .strictObject(
      {
        text: text.optional(),
        texts: z
          .array(text, { error: 'expected an array of strings' })
          .min(1, 'expected at least one text')
          .max(limits.maxBatchSize, { error: (issue) => `${(issue.input as unknown[]).length} texts given; at most ${limits.maxBatchSize} per request` })
          .optional(),
        model: z.string({ error: 'expected a model id (a string)' }).min(1, 'must not be empty').optional(),
      },
      { error: (issue) => (issue.code === 'invalid_type' ? 'expected a JSON object with "text" or "texts"' : undefined) },
    )
    .superRefine((body, ctx) => {
      if (body.text === undefined && body.texts === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'expected "text" (a string) or "texts" (an array of strings)' });
      if (body.text !== undefined && body.texts !== undefined) ctx.addIssue({ code: 'custom', path: ['texts'], message: 'give either "text" or "texts", not both' });
    })
    .transform((body) => ({ texts: body.texts ?? [body.text!], model: body.model }));
}
