import { z } from 'zod';

/** Log levels pino understands, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** `log` section: level and format of the structured logs. */
export const LogConfigSchema = z.strictObject({
  level: z.enum(LOG_LEVELS).default('info'),
  /** Human-readable lines instead of JSON (development only). */
  pretty: z.boolean().default(false),
  /**
   * How often the routing summary (`SMART_ROUTING: Selected` and `Cache hit` counts per provider)
   * is written at info while there is traffic; each selection and cache hit has its own line at debug.
   */
  summaryIntervalMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
});

/** Validated `log` section. */
export type LogConfig = z.infer<typeof LogConfigSchema>;

/** Injection token for the frozen `log` section. */
export const LogConfig = Symbol.for('crypto-datasource.LogConfig');
