import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../core/logging/logger.js';

/** A logger at `debug` that keeps every line it writes, for tests that search the logs. */
export interface CapturedLogger {
  logger: Logger;
  /** Everything written so far, one JSON line per entry. */
  text(): string;
}

/** A debug-level pino logger writing into memory. */
export function capturedLogger(): CapturedLogger {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), text: () => chunks.join('') };
}
