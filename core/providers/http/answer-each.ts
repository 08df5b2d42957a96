import { isProviderError, type ProviderError } from '../../errors/provider-error.js';
import type { BatchAnswers } from '../batch-contribution.js';
import type { BatchCapability, CapabilityQuery, CapabilityResult } from '../capability.js';

/**
 * A batch answer built one symbol at a time: `answer(query)` reads that symbol's element of the
 * upstream body (undefined when the body has none, i.e. the provider does not know it). A
 * ProviderError it throws (a schema mismatch, an insane price) fails that symbol alone; any other
 * exception is a bug and propagates.
 */
export function answerEach<C extends BatchCapability>(
  queries: readonly CapabilityQuery<C>[],
  answer: (query: CapabilityQuery<C>) => CapabilityResult<C> | undefined,
): BatchAnswers<C> {
  const answers = new Map<string, CapabilityResult<C> | ProviderError>();
  for (const query of queries) {
    try {
      const result = answer(query);
      if (result !== undefined) answers.set(query.symbol, result);
    } catch (error) {
      if (!isProviderError(error)) throw error;
      answers.set(query.symbol, error);
    }
  }
  return answers;
}
