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
  const logger = pino(options, destination);
  plainJsonLoggers.add(logger);
  return logger;
}

/** Loggers that write pino's JSON lines with no formatter, mixin, hook or serializer of their own (those `createLogger` makes). */
const plainJsonLoggers = new WeakSet<Logger>();

/** Writes one info line whose fields (`,"name":value...`, already JSON) follow the logger's own, with the writer's message. */
export type InfoLineWriter = (fields: string) => void;

/**
 * For a logger `createLogger` made as JSON lines (or a child of it, passed as `child`): writes an
 * info line exactly as pino would write `child.info(fields, message)` (the same message on every line), without pino's generic
 * serialization, for the one line a hot path writes per request. Undefined for any other logger,
 * whose lines only pino can write (pretty, or with formatters of its own).
 */
export function infoLineWriter(root: Logger, child: Logger, message: string): InfoLineWriter | undefined {
  if (!plainJsonLoggers.has(root)) return undefined;
  const fields = child as unknown as Record<symbol, unknown>;
  const stream = fields[pino.symbols.streamSym] as { write(line: string): void };
  const time = fields[pino.symbols.timeSym] as () => string;
  const bindings = fields[pino.symbols.chindingsSym] as string;
  const level = `{"level":${child.levels.values.info}`;
  const end = `,"msg":${JSON.stringify(message)}}\n`;
  return (line) => stream.write(`${level}${time()}${bindings}${line}${end}`);
}
