import { pino, type Logger as PinoLogger } from 'pino';
import type { LogConfig } from '../config/log-config.js';

/** Structured JSON logger (pino). */
export type Logger = PinoLogger;

/** Injection token for the root Logger. */
export const Logger = Symbol.for('crypto-datasource.Logger');

/** Builds the root logger: JSON lines to stdout, or pretty lines when `log.pretty` is set. */
export function createLogger(config: LogConfig): Logger {
  return pino({
    level: config.level,
    base: { service: 'crypto-datasource' },
    // API keys and auth headers are never logged, even if a caller puts them in a log object.
    redact: { paths: ['apiKey', '*.apiKey', 'headers.authorization', '*.headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
    ...(config.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  });
}
