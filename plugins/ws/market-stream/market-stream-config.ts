import { z } from 'zod';

const ms = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max);

/** The `market-stream` plugin's options (its `plugins[]` entry's `options`); every field has a default. */
export const MarketStreamConfigSchema = z.strictObject({
  /** How often each subscribed symbol's shared poller asks the router for its price. */
  pollIntervalMs: ms(100, 300_000).default(2_000),
  /** How often the status channel pushes the system status. */
  statusIntervalMs: ms(250, 300_000).default(5_000),
  /** Protocol pings to every socket this often; a socket that has not answered the previous one is cut. */
  heartbeatIntervalMs: ms(100, 600_000).default(30_000),
  /** Open `/ws/market` sockets at most; one more is closed with 1013 (try again later). */
  maxConnections: ms(1, 1_000_000).default(10_000),
  /** Symbols one socket may be subscribed to at once. */
  maxSymbolsPerConnection: ms(1, 1_000).default(25),
  /** Messages a client may send per second (a burst of as many is allowed); beyond, 1008. */
  maxMessagesPerSecond: ms(1, 10_000).default(20),
  /** Largest message a client may send, in bytes; beyond, 1009. */
  maxFrameBytes: ms(64, 1_048_576).default(4_096),
  /** Bytes queued for one socket before its frames are dropped. */
  sendBufferBytes: ms(1_024, 64 * 1_048_576).default(262_144),
  /** How long a socket may stay over `sendBufferBytes` (dropping frames) before it is closed with 1008. */
  slowConsumerTimeoutMs: ms(0, 600_000).default(10_000),
});

/** Validated options. */
export type MarketStreamConfig = z.output<typeof MarketStreamConfigSchema>;

/** Injection token for the plugin's validated options. */
export const MarketStreamConfig = Symbol.for('crypto-datasource.MarketStreamConfig');
