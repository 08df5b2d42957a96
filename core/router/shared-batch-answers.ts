import type { CacheEntry } from '../cache/response-cache.js';
import { ProviderError, type ProviderErrorKind } from '../errors/provider-error.js';
import type { Capability } from '../providers/capability.js';

/** One symbol's failure in a batch answer, as plain data. */
interface SharedFailure {
  kind: ProviderErrorKind;
  /** The message without the provider prefix ProviderError adds. */
  message: string;
  upstreamStatus?: number;
}

/**
 * A batch call's per-symbol answers as plain data, the form a CallCoalescer shares with the callers
 * that joined the call (one shared by replicas hands them plain data, not class instances).
 */
export type SharedBatchAnswers<C extends Capability> = [symbol: string, answer: { entry: CacheEntry<C> } | { failure: SharedFailure }][];

/** Per-symbol answers (entries or ProviderErrors) to their plain form. */
export function shareBatchAnswers<C extends Capability>(answers: ReadonlyMap<string, CacheEntry<C> | ProviderError>): SharedBatchAnswers<C> {
  return [...answers].map(([symbol, answer]) => {
    if (!(answer instanceof ProviderError)) return [symbol, { entry: answer }];
    const failure: SharedFailure = { kind: answer.kind, message: answer.message.slice(`${answer.providerId}: `.length) };
    if (answer.upstreamStatus !== undefined) failure.upstreamStatus = answer.upstreamStatus;
    return [symbol, { failure }];
  });
}

/** The plain form back to per-symbol entries and ProviderErrors of `providerId`. */
export function unshareBatchAnswers<C extends Capability>(providerId: string, shared: SharedBatchAnswers<C>): Map<string, CacheEntry<C> | ProviderError> {
  return new Map<string, CacheEntry<C> | ProviderError>(
    shared.map(([symbol, answer]) => {
      if ('entry' in answer) return [symbol, answer.entry];
      const { kind, message, upstreamStatus } = answer.failure;
      return [symbol, new ProviderError(providerId, kind, message, upstreamStatus === undefined ? {} : { upstreamStatus })];
    }),
  );
}
