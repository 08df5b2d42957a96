import { inject, injectable, optional } from 'inversify';
import { Env } from '../config/env.js';
import { ProviderRegistry } from '../providers/provider-registry.js';

/** Environment variables whose names say they hold a secret. */
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL/i;
/** Shorter values are not redacted: they would blank out ordinary figures and words. */
const MIN_SECRET_LENGTH = 6;
/** What a secret is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Keeps secrets out of what the status shows: the values of every provider's `apiKeyEnv` and of
 * any environment variable named like a secret are replaced wherever they appear in a string
 * (an upstream error that echoes a key, a URL in a message). A last line of defence: the figures
 * are built not to hold secrets in the first place.
 */
@injectable()
export class SecretRedactor {
  private secrets: string[] | undefined;

  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(Env) @optional() private readonly env: Env = {},
  ) {}

  /** `value` (plain JSON) with every secret replaced; the input is not changed. */
  redact<T>(value: T): T {
    const secrets = this.values();
    if (secrets.length === 0) return value;
    return walk(value, (text) => secrets.reduce((result, secret) => (result.includes(secret) ? result.split(secret).join(REDACTED) : result), text)) as T;
  }

  /** Read once: the environment and the declarations are fixed after boot. */
  private values(): string[] {
    if (this.secrets !== undefined) return this.secrets;
    const names = new Set(Object.keys(this.env).filter((name) => SECRET_NAME.test(name)));
    for (const provider of this.registry.all()) if (provider.declaration.apiKeyEnv !== undefined) names.add(provider.declaration.apiKeyEnv);
    const values = [...names].map((name) => this.env[name]).filter((value): value is string => value !== undefined && value.length >= MIN_SECRET_LENGTH);
    // Longest first, so a secret containing another is replaced whole.
    this.secrets = [...new Set(values)].sort((a, b) => b.length - a.length);
    return this.secrets;
  }
}

function walk(value: unknown, text: (value: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, text));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, text)]));
  return value;
}
