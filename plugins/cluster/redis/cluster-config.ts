import { z } from 'zod';

/**
 * `cluster` section: how replicas of the gateway share state through Redis. Without `redisUrl`
 * the plugin binds nothing and every shared service keeps its in-memory default.
 */
export const ClusterConfigSchema = z.strictObject({
  /** `redis://[user:password@]host:port[/db]`; unset: one replica, nothing shared. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every key and channel, so several clusters (or test runs) can share one Redis. */
  keyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." and "-" only (1 to 64)')
    .default('cds'),
  /** This replica's name in the status, the metrics and the locks; `HOSTNAME`, else a random one. */
  replicaId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." and "-" only (1 to 64)')
    .optional(),
  /** Longest a Redis command may take before the gateway gives up on it and uses its local state. */
  commandTimeoutMs: z.number().int().min(5).max(10_000).default(150),
  /** Longest the first connection may take at start before the gateway starts on its local state. */
  connectTimeoutMs: z.number().int().min(50).max(60_000).default(1_000),
  /** Reconnect backoff: the first retry after `minMs`, doubling up to `maxMs`. */
  reconnect: z
    .strictObject({
      minMs: z.number().int().min(10).max(60_000).default(100),
      maxMs: z.number().int().min(10).max(300_000).default(5_000),
    })
    .prefault({}),
  /** Coalescing across replicas: the lock one replica holds while it calls, and how long the others wait for its result. */
  coalescing: z
    .strictObject({
      /** Lifetime of the lock (a replica that dies holding it frees it after this). */
      lockTtlMs: z.number().int().min(100).max(60_000).default(5_000),
      /** Longest another replica waits for the holder's result before calling itself. */
      maxWaitMs: z.number().int().min(10).max(60_000).default(2_000),
      /**
       * How long a result stays readable for a replica that asks just after it was published (until
       * the cache entry reaches it over pub/sub); keep it below the shortest cache TTL.
       */
      resultTtlMs: z.number().int().min(10).max(60_000).default(250),
    })
    .prefault({}),
});

/** Validated `cluster` section. */
export type ClusterConfig = z.output<typeof ClusterConfigSchema>;

/** The `cluster` section with a Redis URL: what the Redis services are built from. */
export type RedisClusterConfig = ClusterConfig & { redisUrl: string; replicaId: string };

/** Injection token for the RedisClusterConfig. */
export const RedisClusterConfig = Symbol.for('crypto-datasource.cluster.RedisClusterConfig');
