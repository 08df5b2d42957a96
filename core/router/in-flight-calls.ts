/** Identical concurrent upstream calls share one promise: the first caller's call, until it settles. */
export class InFlightCalls {
  private readonly calls = new Map<string, Promise<unknown>>();

  /** The call already running under `key`, if any. */
  get<T>(key: string): Promise<T> | undefined {
    return this.calls.get(key) as Promise<T> | undefined;
  }

  /** Runs `start()` and shares it under `key` until it settles. */
  run<T>(key: string, start: () => Promise<T>): Promise<T> {
    const call = start().finally(() => this.calls.delete(key));
    this.calls.set(key, call);
    return call;
  }
}
