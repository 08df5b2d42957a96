import { CircuitState, type CircuitBreakerPolicy, type IPolicy, type IRetryContext } from 'cockatiel';
import type { Clock } from '../clock/clock.js';
import type { ProviderDeclaration } from '../providers/provider-declaration.js';
import type { CircuitStatus } from '../stats/stats-snapshot.js';
import type { Deadline } from './deadline.js';
import { RETRYABLE_KINDS, isFailureOf } from './failure-kinds.js';
import type { ProbeableHalfOpenWait } from './probeable-half-open-wait.js';

/** What one attempt gets: the signal aborted at its timeout or the request deadline, and its number (0 first). */
export interface AttemptContext {
  signal: AbortSignal;
  attempt: number;
}

/** The parts ProviderPolicyFactory builds once per provider. */
export interface ProviderPolicyParts {
  /** `wrap(retry, breaker, timeout)`. */
  policy: IPolicy<IRetryContext & { signal: AbortSignal }>;
  breaker: CircuitBreakerPolicy;
  /** The breaker's wait before half-open, which panic routing may cut short. */
  halfOpenWait: ProbeableHalfOpenWait;
  /** Errors the retry predicate must not retry. */
  noRetry: WeakSet<object>;
}

/**
 * One provider's composed resilience (retry, circuit breaker, timeout). Call sites only say
 * `execute(attempt, deadline, mayRetry)`; a retry starts only when the failure is retryable, the
 * deadline leaves room for the backoff and half a timeout, and `mayRetry` (the rate-limit guard) agrees.
 */
export class ProviderPolicy {
  private openedAt: number | undefined;

  constructor(
    readonly providerId: string,
    private readonly resilience: ProviderDeclaration['resilience'],
    private readonly parts: ProviderPolicyParts,
    private readonly clock: Clock,
  ) {
    parts.breaker.onBreak(() => {
      this.openedAt = clock.now();
    });
  }

  /** `mayRetry` takes a call slot for the retry (resolving false refuses it); it is asked only when a retry would otherwise go out. */
  execute<T>(attempt: (context: AttemptContext) => Promise<T>, deadline: Deadline, mayRetry: () => Promise<boolean>): Promise<T> {
    const { timeoutMs, retry } = this.resilience;
    const run = async ({ signal, attempt: number }: IRetryContext): Promise<T> => {
      try {
        return await attempt({ signal, attempt: number });
      } catch (error) {
        const roomForRetry = deadline.remainingMs() >= retry.maxDelayMs + timeoutMs / 2;
        // The retry predicate reads noRetry as soon as the error leaves this attempt, so the slot is settled first.
        if (typeof error === 'object' && error !== null && !(isFailureOf(RETRYABLE_KINDS, error) && roomForRetry && (await mayRetry()))) {
          this.parts.noRetry.add(error);
        }
        throw error;
      }
    };
    return this.parts.policy.execute(run, deadline.signal);
  }

  /** The breaker as the status shows it; an open circuit whose wait has passed counts as half-open. */
  circuit(): CircuitStatus {
    const state = this.parts.breaker.state;
    if (state === CircuitState.HalfOpen) return 'half-open';
    if (state === CircuitState.Open || state === CircuitState.Isolated) return this.openUntil() === undefined ? 'half-open' : 'open';
    return 'closed';
  }

  /** While the circuit is open and not yet due for a probe: when the probe is due. */
  openUntil(): number | undefined {
    const state = this.parts.breaker.state;
    if (state !== CircuitState.Open || this.openedAt === undefined || this.parts.halfOpenWait.probeGranted()) return undefined;
    const until = this.openedAt + this.resilience.breaker.halfOpenAfterMs;
    return until > this.clock.now() ? until : undefined;
  }

  /** When the circuit last opened (a failed probe opens it again), while it is open; else undefined. */
  openSince(): number | undefined {
    return this.parts.breaker.state === CircuitState.Open ? this.openedAt : undefined;
  }

  /** True when the circuit is open, its probe is due (or granted early) and no probe is running. */
  probeDue(): boolean {
    return this.parts.breaker.state === CircuitState.Open && this.openUntil() === undefined;
  }

  /** Panic routing: the next call goes through the open circuit as its half-open probe, before the wait ends. */
  probeNow(): void {
    if (this.parts.breaker.state === CircuitState.Open) this.parts.halfOpenWait.probeNow();
  }
}
