import { ProviderPolicyFactory } from '../core/resilience/provider-policy-factory.js';
import type { SimulatedGateway } from './simulated-gateway.js';

/** How to run the scenario: what is asked, and the bounds of each phase. */
export interface OutageRecoveryOptions {
  /** Provider ids that all fail (their circuits must all leave `closed`). */
  providerIds: readonly string[];
  /** Gateway path asked throughout, e.g. `/api/market/price?symbol=BTC`. */
  path: string;
  /** Give up ejecting every provider after this long. */
  maxOutageMs: number;
  /** Keep the faults and the traffic on this long once every provider is ejected (panic probes fail meanwhile). */
  holdMs: number;
  /** Give up waiting for a fresh answer after the faults clear after this long. */
  maxRecoveryMs: number;
  /** Pause between requests while waiting for recovery. */
  pollMs: number;
}

/** What the scenario measured. */
export interface OutageRecovery {
  /** True when every provider's circuit had left `closed` before the faults cleared. */
  everyProviderEjected: boolean;
  /** From the faults clearing to the first fresh (not stale) 200, or undefined within the bound. */
  recoveryMs: number | undefined;
  /** Answers other than a fresh 200 while waiting for recovery. */
  refusedWhileRecovering: number;
}

/**
 * The all-provider outage of the hostile run: every listed provider answers HTTP 500 until its
 * circuit opens and for `holdMs` more under traffic, then the faults clear and the same path is
 * asked until a fresh answer comes.
 * Used by the recovery test and bench/recovery.bench.ts.
 */
export async function runOutageRecovery(gateway: SimulatedGateway, options: OutageRecoveryOptions): Promise<OutageRecovery> {
  const policies = gateway.app.kernel.container.get(ProviderPolicyFactory);
  const ejected = (): boolean => options.providerIds.every((id) => policies.policyFor(gateway.provider(id)).circuit() !== 'closed');
  gateway.simulator.setFaults(Object.fromEntries(options.providerIds.map((id) => [id, { errorRate: 1 }])));
  const outageEnds = performance.now() + options.maxOutageMs;
  while (!ejected() && performance.now() < outageEnds) await ask(gateway, options.path);
  const everyProviderEjected = ejected();
  const holdEnds = performance.now() + options.holdMs;
  while (performance.now() < holdEnds) {
    await ask(gateway, options.path);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  gateway.simulator.setFaults({ reset: true });
  const cleared = performance.now();
  let refusedWhileRecovering = 0;
  while (performance.now() - cleared < options.maxRecoveryMs) {
    if (await ask(gateway, options.path)) return { everyProviderEjected, recoveryMs: performance.now() - cleared, refusedWhileRecovering };
    refusedWhileRecovering += 1;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  return { everyProviderEjected, recoveryMs: undefined, refusedWhileRecovering };
}

/** True for a fresh (not stale) 200. */
async function ask(gateway: SimulatedGateway, path: string): Promise<boolean> {
  const response = await fetch(`${gateway.gatewayUrl}${path}`);
  const body = (await response.json()) as { stale?: boolean };
  return response.status === 200 && body.stale !== true;
}
