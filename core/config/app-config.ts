import { z } from 'zod';
import { LogConfigSchema } from './log-config.js';
import { PluginsConfigSchema } from './plugins-config.js';
import { ServerConfigSchema } from './server-config.js';
import { CacheConfigSchema } from '../cache/cache-config.js';
import { MarketsConfigSchema } from '../markets/markets-config.js';
import { ProviderIdSchema } from '../providers/provider-declaration.js';
import { ProviderOverridesSchema } from '../providers/provider-overrides.js';
import { RouterConfigSchema } from '../router/router-config.js';

/**
 * The sections core owns. Any other top-level key must be claimed by a loaded plugin's
 * `configSection`, or the kernel rejects it as unknown.
 */
export const CoreConfigSchema = z.looseObject({
  server: ServerConfigSchema.prefault({}),
  log: LogConfigSchema.prefault({}),
  plugins: PluginsConfigSchema,
  router: RouterConfigSchema.prefault({}),
  cache: CacheConfigSchema.prefault({}),
  markets: MarketsConfigSchema.prefault({}),
  providers: z.record(ProviderIdSchema, ProviderOverridesSchema).default({}),
});

/** The whole validated configuration: core sections plus plugin-owned sections. */
export type AppConfig = z.infer<typeof CoreConfigSchema> & { readonly [section: string]: unknown };

/** Injection token for the frozen AppConfig. */
export const AppConfig = Symbol.for('crypto-datasource.AppConfig');

/** Names of the top-level sections core itself owns. */
export const CORE_SECTIONS: readonly string[] = Object.keys(CoreConfigSchema.shape);
