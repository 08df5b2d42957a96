import { z } from 'zod';
import {
  CacheTtlDeclarationSchema,
  ProviderDeclarationSchema,
  RateLimitDeclarationSchema,
  RateLimitResponseDeclarationSchema,
  ResilienceDeclarationSchema,
} from './provider-declaration.js';

const declared = ProviderDeclarationSchema.shape;
const resilience = ResilienceDeclarationSchema.shape;

/** `providers.<id>` in config: any part of the declaration of any loaded provider may be overridden. */
export const ProviderOverridesSchema = z.strictObject({
  name: declared.name.optional(),
  enabled: declared.enabled.optional(),
  baseUrl: declared.baseUrl.optional(),
  weight: declared.weight.optional(),
  priority: declared.priority.optional(),
  capabilities: declared.capabilities.optional(),
  symbols: declared.symbols.optional(),
  quote: declared.quote.optional(),
  parameterQuotes: declared.parameterQuotes.optional(),
  apiKeyEnv: declared.apiKeyEnv,
  apiKeyRequired: declared.apiKeyRequired.optional(),
  rateLimit: RateLimitDeclarationSchema.partial().optional(),
  cacheTtlMs: CacheTtlDeclarationSchema.optional(),
  resilience: z
    .strictObject({
      timeoutMs: resilience.timeoutMs.optional(),
      retry: resilience.retry.partial().optional(),
      breaker: resilience.breaker.partial().optional(),
    })
    .optional(),
  on429: RateLimitResponseDeclarationSchema.partial().optional(),
});

/** One validated `providers.<id>` entry. */
export type ProviderOverrides = z.infer<typeof ProviderOverridesSchema>;
