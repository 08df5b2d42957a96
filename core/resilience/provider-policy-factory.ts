import {
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type FailureReason,
} from 'cockatiel';
import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import { isProviderError } from '../errors/provider-error.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { RouterStats } from '../stats/router-stats.js';
import { BREAKER_KINDS, RETRYABLE_KINDS, isFailureOf } from './failure-kinds.js';
import { ProbeableHalfOpenWait } from './probeable-half-open-wait.js';
import { ProviderPolicy } from './provider-policy.js';

/**
 * Builds each provider's resilience once from its declaration and keeps it: retry with
 * exponential backoff for transient failures, a ConsecutiveBreaker circuit with half-open
 * recovery (its wait cut short by panic routing), and a per-attempt timeout, composed as `wrap(retry, breaker, timeout)`. Breaker and
 * retry events go to the stats.
 */
@injectable()
export class ProviderPolicyFactory {
  private readonly policies = new Map<string, ProviderPolicy>();
  private readonly listingPolicies = new Map<string, ProviderPolicy>();
  private stateChanges = 0;

  constructor(
    @inject(RouterStats) private readonly stats: RouterStats,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** How many times any circuit changed state so far: while unchanged, no circuit opened, closed or went half-open. */
  get circuitChanges(): number {
    return this.stateChanges;
  }

  /** The provider's policy, built on first use. */
  policyFor(provider: MarketProvider): ProviderPolicy {
    let policy = this.policies.get(provider.id);
    if (policy === undefined) {
      policy = this.build(provider);
      this.policies.set(provider.id, policy);
    }
    return policy;
  }

  /**
   * The policy of the provider's market listings: its declared retry and breaker, an attempt timeout
   * of `timeoutMs` (a listing is one large answer, or several requests spaced by the rate-limit
   * guard), and a circuit of its own, so a failing listing never closes the market to price calls.
   */
  listingPolicyFor(provider: MarketProvider, timeoutMs: number): ProviderPolicy {
    let policy = this.listingPolicies.get(provider.id);
    if (policy === undefined) {
      policy = this.build(provider, { ...provider.declaration.resilience, timeoutMs: Math.max(timeoutMs, provider.declaration.resilience.timeoutMs) });
      this.listingPolicies.set(provider.id, policy);
    }
    return policy;
  }

  private build(provider: MarketProvider, resilience = provider.declaration.resilience): ProviderPolicy {
    const noRetry = new WeakSet<object>();
    const retryPolicy = retry(
      handleWhen((error) => isFailureOf(RETRYABLE_KINDS, error) && !noRetry.has(error)),
      { maxAttempts: resilience.retry.maxAttempts, backoff: new ExponentialBackoff({ initialDelay: resilience.retry.initialDelayMs, maxDelay: resilience.retry.maxDelayMs }) },
    );
    const halfOpenWait = new ProbeableHalfOpenWait(resilience.breaker.halfOpenAfterMs);
    const breaker = circuitBreaker(
      handleWhen((error) => isFailureOf(BREAKER_KINDS, error)),
      { halfOpenAfter: halfOpenWait, breaker: new ConsecutiveBreaker(resilience.breaker.consecutiveFailures) },
    );
    // Cooperative: the attempt races its own signal (see abortable), so it always settles in time
    // and the caller observes the timeout as the attempt's own failure.
    const perAttempt = timeout(resilience.timeoutMs, TimeoutStrategy.Cooperative);

    const id = provider.id;
    retryPolicy.onRetry((reason) => this.reportAction(id, reason, 'retry'));
    breaker.onBreak((reason) => this.reportAction(id, reason, 'circuit opened'));
    breaker.onStateChange(() => {
      this.stateChanges += 1;
    });

    return new ProviderPolicy(id, resilience, { policy: wrap(retryPolicy, breaker, perAttempt), breaker, halfOpenWait, noRetry }, this.clock);
  }

  private reportAction(providerId: string, reason: FailureReason<unknown> | { isolated: true }, action: 'retry' | 'circuit opened'): void {
    if ('error' in reason && isProviderError(reason.error)) this.stats.recordAction(providerId, reason.error, action);
  }
}
