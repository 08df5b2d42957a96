import { z } from 'zod';

/** `cache` section: bounds of the response cache. */
export const CacheConfigSchema = z.strictObject({
  /** Most entries kept; when full, new answers are served but not cached until entries expire. */
  maxKeys: z.number().int().positive().max(10_000_000).default(10_000),
  /** How often expired entries are swept from memory. */
  checkPeriodMs: z.number().int().min(1_000).default(60_000),
});

/** Validated `cache` section. */
export type CacheConfig = z.infer<typeof CacheConfigSchema>;

/** Injection token for the frozen `cache` section. */
export const CacheConfig = Symbol.for('crypto-datasource.CacheConfig');
