import type { Plugin } from './plugin.js';

/** Built-in plugins by name; loaded lazily so unused ones cost nothing at boot. */
export type PluginCatalogue = Readonly<Record<string, () => Promise<Plugin>>>;
