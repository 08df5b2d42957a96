import { inject, injectable } from 'inversify';
import { Clock } from '../clock/clock.js';
import type { Capability } from '../providers/capability.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import type { AnswerFreshness } from './answer-freshness.js';
import type { RoutedAnswer } from './market-router.js';

/** The default AnswerFreshness: the answering provider's declared TTL for the capability, less the answer's age. */
@injectable()
export class TtlAnswerFreshness implements AnswerFreshness {
  constructor(
    @inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  freshnessLeftMs(capability: Capability, answer: RoutedAnswer<Capability>): number {
    if (answer.stale) return 0;
    const ttl = this.registry.get(answer.providerId)?.declaration.cacheTtlMs[capability] ?? 0;
    return Math.max(0, ttl - (this.clock.now() - answer.fetchedAt));
  }
}
