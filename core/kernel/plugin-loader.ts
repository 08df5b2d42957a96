import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginEntry } from '../config/plugins-config.js';
import { PluginError } from '../errors/index.js';
import { isPlugin, type Plugin } from './plugin.js';
import type { PluginCatalogue } from './plugin-catalogue.js';

/** A plugin resolved from one `plugins[]` entry, with that entry's raw options. */
export interface ResolvedPlugin {
  plugin: Plugin;
  /** Index in `plugins[]`, for error messages. */
  index: number;
  rawOptions: Record<string, unknown> | undefined;
}

/**
 * Turns a `plugins[]` entry into a Plugin: a built-in by name, or a third-party module by path or
 * package name whose default export (or `plugin` export) implements the contract.
 */
export async function resolvePlugin(entry: PluginEntry, index: number, catalogue: PluginCatalogue, cwd: string): Promise<ResolvedPlugin> {
  const where = `plugins[${index}]`;
  if (typeof entry === 'string' || 'name' in entry) {
    const name = typeof entry === 'string' ? entry : entry.name;
    const load = catalogue[name];
    if (load === undefined) {
      throw new PluginError(name, `${where}: no built-in plugin named "${name}" (built-ins: ${Object.keys(catalogue).sort().join(', ')}); use {"path": ...} or {"package": ...} for third-party plugins`);
    }
    return { plugin: await load(), index, rawOptions: typeof entry === 'string' ? undefined : entry.options };
  }
  const specifier = 'path' in entry ? entry.path : entry.package;
  const target = 'path' in entry ? pathToFileURL(isAbsolute(entry.path) ? entry.path : resolve(cwd, entry.path)).href : entry.package;
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(target)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ERR_MODULE_NOT_FOUND' || code === 'ENOENT' ? 'module not found' : (error as Error).message;
    throw new PluginError(specifier, `${where}: cannot load plugin module "${specifier}": ${reason}`, { cause: error });
  }
  const candidate = loaded.default ?? loaded.plugin;
  if (!isPlugin(candidate)) {
    throw new PluginError(specifier, `${where}: module "${specifier}" does not export a plugin (expected a default export with name, kind and module())`);
  }
  return { plugin: candidate, index, rawOptions: entry.options };
}
