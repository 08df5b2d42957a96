import type { ConfigSources } from '../config/config-sources.js';
import { deepMerge } from '../config/deep-merge.js';
import { formatConfigIssues } from '../config/format-config-issues.js';
import { ConfigError } from '../errors/index.js';
import { PROVIDER_BASELINE } from './provider-baseline.js';
import { ProviderDeclarationSchema, type ProviderDeclaration } from './provider-declaration.js';
import type { ProviderOverrides } from './provider-overrides.js';

/** Deep-partial declaration a plugin ships; identity fields are required. */
export type ProviderDefaults = Pick<ProviderDeclaration, 'name' | 'baseUrl' | 'capabilities' | 'symbols' | 'weight' | 'priority'> &
  DeepPartial<Omit<ProviderDeclaration, 'name' | 'baseUrl' | 'capabilities' | 'symbols' | 'weight' | 'priority'>>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * The effective declaration of provider `id`: baseline, then the plugin's defaults, then
 * `providers.<id>` from config (symbols merge; lists and values replace). Throws ConfigError
 * naming the file and `providers.<id>.<field>` when the result is invalid.
 */
export function resolveDeclaration(id: string, defaults: ProviderDefaults, overrides: ProviderOverrides | undefined, sources: ConfigSources): ProviderDeclaration {
  const merged = [PROVIDER_BASELINE, defaults, overrides].reduce<unknown>((acc, layer) => deepMerge(acc, layer), {});
  const parsed = ProviderDeclarationSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(`Provider "${id}" is misconfigured:\n${formatConfigIssues(parsed.error.issues, sources, ['providers', id])}`);
  }
  return parsed.data;
}

/** Why a provider cannot be used, or null: disabled in config, or its required API key is missing. */
export function disabledReasonFor(declaration: ProviderDeclaration, env: NodeJS.ProcessEnv): string | null {
  if (!declaration.enabled) return 'disabled in config';
  if (declaration.apiKeyRequired) {
    if (declaration.apiKeyEnv === undefined) return 'requires an API key but no apiKeyEnv is configured';
    if (!env[declaration.apiKeyEnv]) return `${declaration.apiKeyEnv} is not set`;
  }
  return null;
}
