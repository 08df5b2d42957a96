import type { IBackoff, IBackoffFactory, IHalfOpenAfterBackoffContext } from 'cockatiel';

/**
 * The circuit breaker's wait before half-open: `halfOpenAfterMs`, or none once `probeNow()` asks
 * for an early probe (panic routing). cockatiel reads the duration when a call arrives at an open
 * circuit, so an early probe takes effect on the next call; the circuit opening again (`next`)
 * withdraws it.
 */
export class ProbeableHalfOpenWait implements IBackoffFactory<IHalfOpenAfterBackoffContext> {
  private early = false;

  constructor(private readonly halfOpenAfterMs: number) {}

  next(): IBackoff<IHalfOpenAfterBackoffContext> {
    this.early = false;
    return new HalfOpenWaitStep(this, this.halfOpenAfterMs);
  }

  /** Lets the next call through the open circuit as its half-open probe. */
  probeNow(): void {
    this.early = true;
  }

  /** True while an early probe is granted and not yet settled by the circuit opening again. */
  probeGranted(): boolean {
    return this.early;
  }
}

/** One opening's wait: read by cockatiel each time a call arrives at the open circuit. */
class HalfOpenWaitStep implements IBackoff<IHalfOpenAfterBackoffContext> {
  constructor(
    private readonly wait: ProbeableHalfOpenWait,
    private readonly halfOpenAfterMs: number,
  ) {}

  get duration(): number {
    return this.wait.probeGranted() ? 0 : this.halfOpenAfterMs;
  }

  next(): IBackoff<IHalfOpenAfterBackoffContext> {
    return this.wait.next();
  }
}
