import { z } from 'zod';

/** `server` section: where and how the HTTP server listens. */
export const ServerConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(7860),
  host: z.string().min(1).default('0.0.0.0'),
  /** Origins allowed by CORS; an empty list allows none (same-origin only). `*` allows any. */
  corsOrigins: z.array(z.string().min(1)).default([]),
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: z.number().int().positive().max(10_000_000).default(262_144),
  /** How long a graceful shutdown may take before connections are cut. */
  shutdownTimeoutMs: z.number().int().positive().max(10_000).default(8_000),
});

/** Validated `server` section. */
export type ServerConfig = z.infer<typeof ServerConfigSchema>;
