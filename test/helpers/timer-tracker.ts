import { createHook } from 'node:async_hooks';

/** The timers some code created and has not cleared (or that have not fired yet, for a timeout). */
export interface TimerTracker {
  /** Timers created so far. */
  readonly created: number;
  /** Those still pending, each with the stack that created it. */
  pending(): string[];
  stop(): void;
}

/**
 * Tracks every timer (setTimeout, setInterval) created from a file whose path contains `fromPath`,
 * until `stop`: tests check a component leaves none behind, whatever other timers the process has.
 */
export function trackTimers(fromPath: string): TimerTracker {
  const live = new Map<number, string>();
  let created = 0;
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout') return;
      const stack = new Error().stack ?? '';
      if (!stack.includes(fromPath)) return;
      created += 1;
      live.set(id, stack);
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return {
    get created() {
      return created;
    },
    pending: () => [...live.values()],
    stop: () => hook.disable(),
  };
}
