/**
 * Recent upstream outcomes per provider, turned into a health factor in [minFactor, 1] that scales
 * the provider's weight. Both calls are synchronous (the router weighs every request with
 * `factor`): a health shared by replicas publishes outcomes in the background and answers from its
 * local mirror.
 */
export interface ProviderHealth {
  /** One upstream outcome and how long it took. */
  record(providerId: string, ok: boolean, latencyMs: number): void;
  /** 1 for a provider with no recent outcomes. */
  factor(providerId: string): number;
}

/** Injection token for the ProviderHealth. */
export const ProviderHealth = Symbol.for('crypto-datasource.ProviderHealth');
