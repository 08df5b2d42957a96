/** The types of `on-exit-leak-free` (pino's own exit hook), which ships none. */
declare module 'on-exit-leak-free' {
  /** Calls `fn(obj, event)` on the process's `event`, while `obj` is alive (held weakly). */
  export function register<T extends object>(obj: T, fn: (obj: T, event: 'exit' | 'beforeExit') => void): void;
}
