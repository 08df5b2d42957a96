import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import { ProviderError } from '../errors/provider-error.js';
import type { MarketProvider } from '../providers/market-provider.js';
import { abortable } from '../resilience/abortable.js';
import { Deadline } from '../resilience/deadline.js';
import { toProviderError } from '../resilience/failure-kinds.js';
import { ProviderPolicyFactory } from '../resilience/provider-policy-factory.js';
import { RateLimitGuard } from '../resilience/rate-limit-guard.js';
import type { ListedMarket } from './listed-market.js';
import { MarketsConfig } from './markets-config.js';

/** Longest pause between two looks at the guard while a listing waits for a slot. */
const MAX_SLOT_WAIT_MS = 1_000;

/**
 * Fetches one provider's market listing the way every upstream call goes: each request takes a slot
 * from the provider's rate-limit guard (waiting for one within `markets.listingTimeoutMs`), the
 * whole listing runs under the provider's declared retry and breaker (see
 * ProviderPolicyFactory.listingPolicyFor), and outcomes feed the guard (a 429 backs the provider off).
 */
@injectable()
export class MarketListingCaller {
  constructor(
    @inject(RateLimitGuard) private readonly guard: RateLimitGuard,
    @inject(ProviderPolicyFactory) private readonly policies: ProviderPolicyFactory,
    @inject(MarketsConfig) private readonly config: MarketsConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  /** The markets `provider` lists; throws its ProviderError when the listing cannot be had. `stop` aborts it. */
  async list(provider: MarketProvider, stop: AbortSignal): Promise<ListedMarket[]> {
    const listMarkets = provider.listMarkets;
    if (listMarkets === undefined) throw new ProviderError(provider.id, 'unsupported', 'lists no markets');
    const deadline = new Deadline(this.config.listingTimeoutMs);
    try {
      const markets = await this.policies.listingPolicyFor(provider, this.config.listingTimeoutMs).execute(
        ({ signal }) => {
          const context = {
            signal: AbortSignal.any([signal, stop]),
            onRateLimitInfo: (info: Parameters<RateLimitGuard['onRateLimitInfo']>[1]) => this.guard.onRateLimitInfo(provider, info),
            beforeRequest: () => this.slot(provider, deadline, stop),
          };
          return abortable(listMarkets(context), context.signal, () => new ProviderError(provider.id, 'timeout', 'the market listing did not arrive in time'));
        },
        deadline,
        () => Promise.resolve(true),
      );
      this.guard.onSuccess(provider);
      return markets;
    } catch (caught) {
      const error = toProviderError(provider.id, caught);
      await this.guard.onFailure(provider, error);
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  /** Takes a call slot for one listing request, waiting for the guard while the deadline allows. */
  private async slot(provider: MarketProvider, deadline: Deadline, stop: AbortSignal): Promise<void> {
    while (!(await this.guard.tryAcquire(provider))) {
      const waitMs = this.guard.nextCallAt(provider) - this.clock.now();
      if (stop.aborted || waitMs >= deadline.remainingMs()) {
        throw new ProviderError(provider.id, 'rate_limited', 'no rate-limit slot for the market listing before its deadline');
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_SLOT_WAIT_MS, Math.max(10, waitMs))).unref());
    }
  }
}
