/**
 * Settles with `work`, or rejects with `onAbort()` as soon as `signal` aborts, so a provider that
 * ignores its signal still cannot hold a request past its timeout.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) {
    // Nobody else awaits `work`: its own failure (the abort, usually) must not surface as unhandled.
    work.catch(() => undefined);
    return Promise.reject(onAbort());
  }
  let release: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    const listener = (): void => reject(onAbort());
    signal.addEventListener('abort', listener, { once: true });
    release = () => signal.removeEventListener('abort', listener);
  });
  return Promise.race([work, aborted]).finally(release);
}
