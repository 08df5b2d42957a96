import type { PluginCatalogue } from '../core/kernel/plugin-catalogue.js';

/**
 * Built-in plugins by the name used in config `plugins`. Imports are lazy so a plugin that is not
 * listed costs nothing at boot.
 */
export const builtinPlugins: PluginCatalogue = {
  'market-api': async () => (await import('./api/market/index.js')).default,
};
