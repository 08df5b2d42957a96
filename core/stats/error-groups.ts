import type { ProviderError } from '../errors/provider-error.js';
import type { ErrorAction, ErrorGroupSnapshot } from './stats-snapshot.js';

/** Groups kept at most; the least recently seen is dropped first. */
const MAX_GROUPS = 50;

/** Recent errors grouped by provider, kind and message, with the action last taken. Bounded. */
export class ErrorGroups {
  private readonly groups = new Map<string, ErrorGroupSnapshot>();

  record(providerId: string, error: ProviderError, action: ErrorAction, at: number): void {
    const key = `${providerId}\u0000${error.kind}\u0000${error.message}`;
    const group = this.groups.get(key);
    if (group !== undefined) {
      this.groups.delete(key);
      this.groups.set(key, { ...group, count: group.count + 1, lastSeen: at, action });
      return;
    }
    this.groups.set(key, { providerId, kind: error.kind, message: error.message, count: 1, firstSeen: at, lastSeen: at, action });
    if (this.groups.size > MAX_GROUPS) this.groups.delete(this.groups.keys().next().value!);
  }

  /** Changes the action of the group `error` belongs to (a retry or an opened circuit decided later). */
  relabel(providerId: string, error: ProviderError, action: ErrorAction): void {
    const group = this.groups.get(`${providerId}\u0000${error.kind}\u0000${error.message}`);
    if (group !== undefined) group.action = action;
  }

  /** Most recently seen first. */
  list(): ErrorGroupSnapshot[] {
    return [...this.groups.values()].reverse();
  }
}
