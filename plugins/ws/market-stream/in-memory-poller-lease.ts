import { injectable } from 'inversify';
import type { PollerLease } from './poller-lease.js';

/** The single-process PollerLease: this process is the only poller, so every lease is granted. */
@injectable()
export class InMemoryPollerLease implements PollerLease {
  acquire(): Promise<boolean> {
    return Promise.resolve(true);
  }

  renew(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }
}
