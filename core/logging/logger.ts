import { pino, type Logger as PinoLogger } from 'pino';
import type { LogConfig } from '../config/log-config.js';
import { LineBlocks } from './line-blocks.js';

/** Structured JSON logger (pino). */
export type Logger = PinoLogger;

/** Injection token for the root Logger. */
export const Logger = Symbol.for('crypto-datasource.Logger');

/** JSON lines are written in blocks of this many bytes, or at least this often. */
const LOG_BLOCK_BYTES = 4_096;
const LOG_FLUSH_MS = 1_000;

/**
 * Builds the root logger: JSON lines to stdout, or pretty lines when `log.pretty` is set. JSON
 * lines are written asynchronously in blocks (LOG_BLOCK_BYTES, flushed every LOG_FLUSH_MS and on
 * exit), so a busy server makes one write for many lines instead of one blocking write per line.
 */
export function createLogger(config: LogConfig): Logger {
  const options = {
    level: config.level,
    base: { service: 'crypto-datasource' },
    // API keys and auth headers are never logged, even if a caller puts them in a log object.
    redact: { paths: ['apiKey', '*.apiKey', 'headers.authorization', '*.headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  };
  if (config.pretty) return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  const destination = new LineBlocks(pino.destination({ dest: 1, sync: false }), LOG_BLOCK_BYTES);
  setInterval(() => destination.flush(), LOG_FLUSH_MS).unref();
  return pino(options, destination);
}
