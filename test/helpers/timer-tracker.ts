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
 * Tracks every timer (setTimeout, setInterval) a file whose path contains `fromPath` created itself,
 * until `stop`: tests check a component leaves none behind, whatever other timers the process has.
 */
export function trackTimers(fromPath: string): TimerTracker {
  const live = new Map<number, string>();
  let created = 0;
  const hook = createHook({
    init(id, type) {
      if (type !== 'Timeout') return;
      const stack = new Error().stack ?? '';
      if (!callerOf(stack).includes(fromPath)) return;
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

/** The stack frame that called setTimeout or setInterval (a library's timer set deeper down a call from `fromPath` is not its). */
function callerOf(stack: string): string {
  const lines = stack.split('\n');
  const timerCall = lines.findIndex((line) => /at (setTimeout|setInterval) \(node:timers/.test(line));
  return timerCall < 0 ? '' : (lines[timerCall + 1] ?? '');
}
