import type { Capability } from '../providers/capability.js';
import type { RoutedAnswer } from './market-router.js';

/** How long a routed answer stays fresh: what an HTTP answer's `Cache-Control: max-age` says. */
export interface AnswerFreshness {
  /** Milliseconds `answer` to a `capability` query stays fresh from now; 0 for a stale answer. */
  freshnessLeftMs(capability: Capability, answer: RoutedAnswer<Capability>): number;
}

/** Injection token for the AnswerFreshness. */
export const AnswerFreshness = Symbol.for('crypto-datasource.AnswerFreshness');
