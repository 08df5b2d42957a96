import type { MarketProvider } from '../providers/market-provider.js';

/**
 * Recent upstream outcomes per provider, turned into a health factor in [minFactor, 1] that scales
 * the provider's weight. Every call is synchronous (the router weighs every request with
 * `factor`): a health shared by replicas publishes outcomes in the background and answers from its
 * local mirror.
 */
export interface ProviderHealth {
  /** One upstream outcome and how long it took. */
  record(providerId: string, ok: boolean, latencyMs: number): void;
  /** The provider's circuit closed again after a probe: outcomes before now no longer count, so it earns its full weight back at once. */
  recovered(providerId: string): void;
  /** 1 for a provider with no recent outcomes. */
  factor(providerId: string): number;
  /** How many outcomes were recorded or dropped so far: while it is unchanged, no factor changes before its `factorValidThrough`. */
  readonly changes: number;
  /** Until when (ms since epoch, by the Clock, inclusive) `factor(providerId)` keeps its present value while `changes` stays. */
  factorValidThrough(providerId: string): number;
  /** The outcomes still in the window (readiness and the status call a provider whose every recent call failed offline). */
  recent(providerId: string): RecentOutcomes;
}

/** How many recent upstream outcomes succeeded and failed. */
export interface RecentOutcomes {
  successes: number;
  failures: number;
}

/** A provider's weight in the rotation now: its declared weight scaled by its health factor. */
export function effectiveWeight(provider: MarketProvider, health: ProviderHealth): number {
  return provider.declaration.weight * health.factor(provider.id);
}

/** Injection token for the ProviderHealth. */
export const ProviderHealth = Symbol.for('crypto-datasource.ProviderHealth');
