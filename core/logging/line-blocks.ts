import { register } from 'on-exit-leak-free';

/** What LineBlocks hands its blocks to: pino's SonicBoom destination. */
export interface LineSink {
  write(data: string): boolean;
  flush(callback?: (error?: Error) => void): void;
  flushSync(): void;
}

/**
 * pino's stream in front of its SonicBoom destination: lines are gathered here and handed over
 * joined, a block of at least `blockChars` characters at a time. SonicBoom measures the byte
 * length of its whole pending buffer on every write, so one line at a time costs a few µs each
 * (most of the cost of a log line); a block at a time costs that once per block. Pending lines go
 * out on `flush`, at `flushSync` and when the process exits, as SonicBoom's own do.
 */
export class LineBlocks {
  private pending: string[] = [];
  private size = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly blockChars: number,
  ) {
    register(this, (blocks, event) => (event === 'exit' ? blocks.flushSync() : blocks.flush()));
  }

  write(line: string): boolean {
    this.pending.push(line);
    this.size += line.length;
    return this.size < this.blockChars || this.handOver();
  }

  /** Hands the pending lines over and flushes the sink (asynchronously). */
  flush(callback?: (error?: Error) => void): void {
    this.handOver();
    this.sink.flush(callback);
  }

  /** Hands the pending lines over and writes everything out before returning. */
  flushSync(): void {
    this.handOver();
    this.sink.flushSync();
  }

  private handOver(): boolean {
    if (this.size === 0) return true;
    const block = this.pending.join('');
    this.pending = [];
    this.size = 0;
    return this.sink.write(block);
  }
}
