/** Requests per second over the last minute, from per-second counters (60 slots). */
export class RequestRate {
  private readonly slots = new Array<number>(60).fill(0);
  private readonly slotSecond = new Array<number>(60).fill(-1);

  record(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    const slot = second % 60;
    if (this.slotSecond[slot] !== second) {
      this.slotSecond[slot] = second;
      this.slots[slot] = 0;
    }
    this.slots[slot]! += 1;
  }

  perSecond(nowMs: number): number {
    const second = Math.floor(nowMs / 1000);
    let total = 0;
    for (let slot = 0; slot < 60; slot += 1) if (second - this.slotSecond[slot]! < 60) total += this.slots[slot]!;
    return Math.round((total / 60) * 100) / 100;
  }
}
