import { z } from 'zod';
import { formatPath } from '../core/config/format-config-issues.js';
import type { RandomSource } from './seeded-random.js';
import { perProvider, SIM_PROVIDER_IDS, type SimProviderId } from './sim-provider-id.js';

const rate = z.number().min(0).max(1);

/** Faults injected into one provider's answers; each rate is the probability per request. */
export const ProviderFaultsSchema = z.strictObject({
  /** HTTP 500 in the provider's error shape. */
  errorRate: rate.optional(),
  /** No answer at all until the client gives up. */
  timeoutRate: rate.optional(),
  /** HTTP 200 with a body that is not JSON. */
  garbageRate: rate.optional(),
  /** The TCP connection is reset. */
  resetRate: rate.optional(),
  /** Every price in the answer multiplied by 1000. */
  wrongPriceRate: rate.optional(),
  /**
   * An error inside an HTTP 200 answer, in the provider's own in-body shape (Kraken's `error` array,
   * CryptoCompare's `Response: "Error"`, Etherscan's `status: "0"`); providers without one are not struck.
   */
  inBodyErrorRate: rate.optional(),
  /** The message those in-body errors carry (default: the provider's generic one). */
  inBodyErrorMessage: z.string().min(1).max(1000).optional(),
  /** HTTP 429 in the provider's rate-limit shape, whatever the real limit says. */
  status429Rate: rate.optional(),
  /** Extra latency on every answer. */
  latencyMs: z.number().int().min(0).max(600_000).optional(),
});

/** The faults of one provider. */
export type ProviderFaults = z.infer<typeof ProviderFaultsSchema>;

/** Body of `POST /__sim/faults`: per-provider patches, and `reset: true` to clear every fault first. */
export const FaultsPatchSchema = z.strictObject({
  reset: z.boolean().optional(),
  ...perProvider(() => ProviderFaultsSchema.optional()),
});

/** A change of faults: `{"binance": {"errorRate": 1}, "reset": true}`. */
export type FaultsPatch = z.infer<typeof FaultsPatchSchema>;

/** A fault that can strike one request, in the order they are rolled. */
export type FaultKind = 'reset' | 'timeout' | 'error' | 'inBodyError' | 'status429' | 'garbage' | 'wrongPrice';

const RATE_OF: Readonly<Record<FaultKind, Exclude<keyof ProviderFaults, 'latencyMs' | 'inBodyErrorMessage'>>> = {
  reset: 'resetRate',
  timeout: 'timeoutRate',
  error: 'errorRate',
  inBodyError: 'inBodyErrorRate',
  status429: 'status429Rate',
  garbage: 'garbageRate',
  wrongPrice: 'wrongPriceRate',
};

/** Thrown on a bad faults patch; the message names the field. */
export class FaultsPatchError extends Error {
  override readonly name = 'FaultsPatchError';
}

/** Validates a faults patch, with one line per problem naming the field (`binance.errorRate: ...`). */
export function parseFaultsPatch(input: unknown): FaultsPatch {
  const result = FaultsPatchSchema.safeParse(input);
  if (result.success) return result.data;
  const message = result.error.issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field (providers: ${SIM_PROVIDER_IDS.join(', ')})`)
        : [`${formatPath(issue.path)}: ${issue.message}`],
    )
    .join('; ');
  throw new FaultsPatchError(message);
}

/** The faults currently injected, per provider, and the dice that decide which request they hit. */
export class FaultBook {
  private faults: Record<SimProviderId, ProviderFaults> = perProvider(() => ({}));

  constructor(private readonly random: RandomSource) {}

  /** Applies a validated patch: `reset` clears everything first, then each provider's fields are merged in. */
  apply(patch: FaultsPatch): void {
    if (patch.reset === true) this.clear();
    for (const id of SIM_PROVIDER_IDS) {
      const change = patch[id];
      if (change !== undefined) this.faults[id] = { ...this.faults[id], ...change };
    }
  }

  clear(): void {
    this.faults = perProvider(() => ({}));
  }

  /** A copy of the current faults, only the providers that have some. */
  snapshot(): Partial<Record<SimProviderId, ProviderFaults>> {
    return Object.fromEntries(SIM_PROVIDER_IDS.filter((id) => Object.keys(this.faults[id]).length > 0).map((id) => [id, { ...this.faults[id] }]));
  }

  /** Rolls the dice for `kind` on one request of `id`. */
  strikes(id: SimProviderId, kind: FaultKind): boolean {
    const probability = this.faults[id][RATE_OF[kind]] ?? 0;
    return probability > 0 && this.random() < probability;
  }

  /** The message configured for `id`'s in-body errors, if any. */
  inBodyErrorMessage(id: SimProviderId): string | undefined {
    return this.faults[id].inBodyErrorMessage;
  }

  /** Extra latency configured for `id`. */
  latencyMs(id: SimProviderId): number {
    return this.faults[id].latencyMs ?? 0;
  }
}
