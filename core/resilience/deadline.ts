/**
 * One request's overall time budget, in real time: its signal aborts every call still running when
 * the budget is spent. Call `dispose` when the request ends so no timer is left behind.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly endsAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(budgetMs: number) {
    this.endsAt = performance.now() + budgetMs;
    this.timer = setTimeout(() => this.controller.abort(), budgetMs);
    this.timer.unref();
  }

  /** Aborted when the budget is spent. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }

  expired(): boolean {
    return this.controller.signal.aborted || this.remainingMs() === 0;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
