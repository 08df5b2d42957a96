/**
 * Identical concurrent upstream calls share one call: whoever comes first starts it, the others
 * wait for its result. A coalescer shared by replicas (Redis) holds a short lock per key and hands
 * the result to the waiters, so `start` resolves with plain data and its failure is rethrown to
 * every caller.
 */
export interface CallCoalescer {
  /** Joins the call running under `key`, or runs `start()` and shares it under `key` until it settles. */
  run<T>(key: string, start: () => Promise<T>): Promise<T>;
  /** True while a call runs under `key` (a planning read: answered from local knowledge). */
  isRunning(key: string): boolean;
}

/** Injection token for the CallCoalescer. */
export const CallCoalescer = Symbol.for('crypto-datasource.CallCoalescer');
