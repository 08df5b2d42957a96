import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { CoreConfigSchema, type AppConfig } from './app-config.js';
import { ConfigSources } from './config-sources.js';
import { formatConfigIssues, formatPath } from './format-config-issues.js';
import { deepFreeze, deepMerge } from './deep-merge.js';
import { prototypeKeyPaths } from './prototype-keys.js';

/** Where to read configuration from. */
export interface ConfigLoadOptions {
  /** The base file, normally `config/default.json`. */
  defaultFile: string;
  /** Environment: `CONFIG` names an overlay file, `PORT` and `LOG_LEVEL` override. */
  env: NodeJS.ProcessEnv;
  /** Directory relative paths are resolved against. */
  cwd?: string;
  /** Layers a launcher adds after the overlay and before the environment (`npm run demo`: the simulator's address). */
  extraLayers?: ReadonlyArray<{ label: string; value: Record<string, unknown> }>;
}

/** The validated, frozen configuration and where each value came from. */
export interface LoadedConfig {
  config: AppConfig;
  sources: ConfigSources;
}

/**
 * Reads `config/default.json`, the overlay named by `CONFIG`, then `PORT` and `LOG_LEVEL`, merges
 * them (objects merge, arrays and values replace) and validates the result. Throws ConfigError
 * naming the file, the JSON path and what was expected.
 */
export function loadConfig(options: ConfigLoadOptions): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const sources = new ConfigSources();
  const layers: unknown[] = [];

  const addLayer = (label: string, value: unknown): void => {
    sources.add(label, value);
    layers.push(value);
  };

  addLayer(options.defaultFile, readJsonFile(resolve(cwd, options.defaultFile), options.defaultFile));
  const overlay = options.env.CONFIG;
  if (overlay !== undefined && overlay !== '') {
    addLayer(overlay, readJsonFile(resolve(cwd, overlay), `${overlay} (from the CONFIG environment variable)`));
  }
  for (const layer of options.extraLayers ?? []) addLayer(layer.label, layer.value);
  const port = options.env.PORT;
  if (port !== undefined && port !== '') addLayer('environment variable PORT', { server: { port: parsePort(port) } });
  const level = options.env.LOG_LEVEL;
  if (level !== undefined && level !== '') addLayer('environment variable LOG_LEVEL', { log: { level } });

  const merged = layers.reduce((acc, layer) => deepMerge(acc, layer), {});
  return { config: validateConfig(merged, sources), sources };
}

/** Validates a merged raw configuration and freezes it; ConfigError names file, path and expectation. */
export function validateConfig(raw: unknown, sources: ConfigSources): AppConfig {
  const prototypeKeys = prototypeKeyPaths(raw);
  if (prototypeKeys.length > 0) {
    const lines = prototypeKeys.map((path) => `${sources.describe(path)}: at "${formatPath(path)}": unknown key (not allowed here)`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const parsed = CoreConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${formatConfigIssues(parsed.error.issues, sources)}`);
  return deepFreeze(parsed.data) as AppConfig;
}

/** A LoadedConfig from an in-memory object (tests, embedding); `label` stands in for a file name in errors. */
export function configFromObject(raw: Record<string, unknown>, label = 'inline config'): LoadedConfig {
  const sources = new ConfigSources();
  sources.add(label, raw);
  return { config: validateConfig(raw, sources), sources };
}

function readJsonFile(path: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(`Cannot read config file ${label}: ${reason} (looked at ${path})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${label} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`Config file ${label}: at "(root)": expected a JSON object`);
  }
  return value;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new ConfigError(`environment variable PORT: expected an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}
