import { injectable } from 'inversify';
import type { CallCoalescer } from './call-coalescer.js';

/** The default CallCoalescer, for one process: the first caller's promise, shared until it settles. */
@injectable()
export class InMemoryCallCoalescer implements CallCoalescer {
  private readonly calls = new Map<string, Promise<unknown>>();

  run<T>(key: string, start: () => Promise<T>): Promise<T> {
    const running = this.calls.get(key) as Promise<T> | undefined;
    if (running !== undefined) return running;
    const call = start().finally(() => this.calls.delete(key));
    this.calls.set(key, call);
    return call;
  }

  isRunning(key: string): boolean {
    return this.calls.has(key);
  }
}
