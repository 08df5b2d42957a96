import type { Clock } from '../clock/clock.js';
import type { ListedMarket } from '../markets/listed-market.js';
import { ProviderError } from '../errors/provider-error.js';
import type { BatchAnswers, BatchContribution } from './batch-contribution.js';
import type { BatchCapability, Capability, CapabilityQuery, CapabilityResult } from './capability.js';
import { HttpUpstreamClient } from './http/http-upstream-client.js';
import type { FetchContext, MarketProvider, ProviderBatch } from './market-provider.js';
import type { CapabilityFunction, ProviderContribution } from './provider-contribution.js';
import type { ProviderDeclaration } from './provider-declaration.js';

/** What the registry worked out for one contribution. */
export interface ResolvedContribution {
  contribution: ProviderContribution;
  /** Baseline, then the plugin's defaults, then `providers.<id>`. */
  declaration: ProviderDeclaration;
  disabledReason: string | null;
  /** Read from the environment variable `declaration.apiKeyEnv` names. */
  apiKey: string | undefined;
  clock: Clock;
}

/**
 * The MarketProvider the router uses for one ProviderContribution. `fetch` refuses a disabled
 * provider and a capability it does not declare, and otherwise calls the contribution's function
 * with a fresh UpstreamClient for that call. The key and the functions sit in private fields, so
 * logging the provider cannot reveal the key.
 */
export class ContributedProvider implements MarketProvider {
  readonly id: string;
  readonly declaration: ProviderDeclaration;
  readonly disabledReason: string | null;
  readonly listMarkets?: (context: FetchContext) => Promise<ListedMarket[]>;
  readonly #resolved: ResolvedContribution;

  constructor(resolved: ResolvedContribution) {
    this.id = resolved.contribution.id;
    this.declaration = resolved.declaration;
    this.disabledReason = resolved.disabledReason;
    this.#resolved = resolved;
    const list = resolved.contribution.listMarkets;
    if (list !== undefined) this.listMarkets = (context) => list(this.upstream(context));
  }

  async fetch<C extends Capability>(capability: C, query: CapabilityQuery<C>, context: FetchContext): Promise<CapabilityResult<C>> {
    if (this.disabledReason !== null) throw new ProviderError(this.id, 'disabled', this.disabledReason);
    const serve = this.#resolved.contribution.capabilities[capability] as CapabilityFunction<C> | undefined;
    if (serve === undefined || !this.declaration.capabilities.includes(capability)) throw new ProviderError(this.id, 'unsupported', `does not serve ${capability}`);
    return serve(query, this.upstream(context));
  }

  batchOf(capability: BatchCapability): ProviderBatch | undefined {
    const batch = this.#resolved.contribution.batches?.[capability];
    if (batch === undefined || this.disabledReason !== null || !this.declaration.capabilities.includes(capability)) return undefined;
    return { limit: batch.limit, weight: (symbols) => batch.weight(symbols) };
  }

  async fetchMany<C extends BatchCapability>(capability: C, queries: readonly CapabilityQuery<C>[], context: FetchContext): Promise<BatchAnswers<C>> {
    if (this.disabledReason !== null) throw new ProviderError(this.id, 'disabled', this.disabledReason);
    const batch = this.#resolved.contribution.batches?.[capability] as BatchContribution<C> | undefined;
    if (batch === undefined || !this.declaration.capabilities.includes(capability)) throw new ProviderError(this.id, 'unsupported', `has no batch ${capability} endpoint`);
    return batch.fetch(queries, this.upstream(context));
  }

  private upstream(context: FetchContext): HttpUpstreamClient {
    const { apiKey, clock } = this.#resolved;
    return new HttpUpstreamClient({ providerId: this.id, declaration: this.declaration, apiKey, clock, context });
  }
}
