import { z } from 'zod';

/** Log levels pino understands, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** `log` section: level and format of the structured logs. */
export const LogConfigSchema = z.strictObject({
  level: z.enum(LOG_LEVELS).default('info'),
  /** Human-readable lines instead of JSON (development only). */
  pretty: z.boolean().default(false),
});

/** Validated `log` section. */
export type LogConfig = z.infer<typeof LogConfigSchema>;
