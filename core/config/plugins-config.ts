import { z } from 'zod';

const PluginOptions = z.record(z.string(), z.unknown());

/**
 * One entry of the `plugins` list: a built-in plugin by name, or a third-party plugin by file path
 * (relative to the working directory) or package name. `options` are validated by the plugin.
 */
export const PluginEntrySchema = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), options: PluginOptions.optional() }),
  z.strictObject({ path: z.string().min(1), options: PluginOptions.optional() }),
  z.strictObject({ package: z.string().min(1), options: PluginOptions.optional() }),
]);

/** One validated `plugins` entry. */
export type PluginEntry = z.infer<typeof PluginEntrySchema>;

/** `plugins` section: loaded and started in this order, stopped in reverse. */
export const PluginsConfigSchema = z.array(PluginEntrySchema).default([]);
