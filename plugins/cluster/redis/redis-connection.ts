import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { LifecycleContribution, Logger } from '../../../core/index.js';
import type { RedisClusterConfig } from './cluster-config.js';
import type { ClusterMetrics } from './cluster-metrics.js';
import { defineClusterScripts } from './cluster-scripts.js';
import { redisAddress } from './redis-address.js';

/** Receives one pub/sub message of a channel. */
export type MessageHandler = (message: string) => void;

/**
 * The replica's two Redis connections (commands, and pub/sub which needs its own), built with
 * ioredis: every command fails after `commandTimeoutMs` and at once while disconnected (no offline
 * queue), so callers fall back to their local state instead of waiting; ioredis reconnects in the
 * background with the configured exponential backoff, and the channels are subscribed again on
 * every reconnect. Redis down at start is not an error: the gateway starts on its local state,
 * says so at warn, and shares again once Redis answers.
 */
export class RedisConnection implements LifecycleContribution {
  readonly client: Redis;
  /** Marks this process's own messages (replica ids are configured, so two processes could share one). */
  readonly origin = randomUUID();
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, MessageHandler>();
  /** Counts the connections made: state learned from Redis before the last one may be out of date. */
  private connections = 0;
  private wasReady = false;
  private lostLogged = false;
  private stopping = false;

  constructor(
    private readonly config: RedisClusterConfig,
    private readonly logger: Logger,
    private readonly metrics: ClusterMetrics,
  ) {
    const { minMs, maxMs } = config.reconnect;
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResubscribe: false,
      commandTimeout: config.commandTimeoutMs,
      connectTimeout: config.connectTimeoutMs,
      connectionName: `cds-${config.replicaId}`,
      retryStrategy: (attempt: number) => Math.min(maxMs, minMs * 2 ** Math.min(attempt - 1, 20)),
    };
    this.client = defineClusterScripts(new Redis(config.redisUrl, options));
    this.subscriber = new Redis(config.redisUrl, options);
    this.subscriber.on('message', (channel: string, message: string) => this.handlers.get(channel)?.(message));
    for (const connection of [this.client, this.subscriber]) {
      connection.on('ready', () => this.onReady(connection));
      connection.on('error', (error: Error) => this.onError(error));
      connection.on('close', () => this.onClose());
    }
  }

  /** True while both connections are up: only then is state shared. */
  get connected(): boolean {
    return this.client.status === 'ready' && this.subscriber.status === 'ready';
  }

  /** Changes every time the replica (re)connects; what it read from Redis before may since have changed unseen. */
  get epoch(): number {
    return this.connections;
  }

  /** `<prefix>:<parts...>`: every key and channel is under the cluster's prefix. */
  key(...parts: string[]): string {
    return [this.config.keyPrefix, ...parts].join(':');
  }

  /** Calls `handler` with every message on the (prefixed) channel; subscribed on each (re)connect. */
  onMessage(channel: string, handler: MessageHandler): void {
    this.handlers.set(channel, handler);
    if (this.subscriber.status === 'ready') this.subscribe();
  }

  /** Publishes without waiting; a failure is counted and forgotten (the local state stays right). */
  publish(channel: string, message: string): void {
    this.client.publish(channel, message).catch(() => this.metrics.redisError('publish'));
  }

  async initialize(): Promise<void> {
    const started = await Promise.allSettled([this.client.connect(), this.subscriber.connect()]);
    if (started.every((result) => result.status === 'fulfilled')) {
      this.logger.info({ redis: redisAddress(this.config.redisUrl), replica: this.config.replicaId, keyPrefix: this.config.keyPrefix }, 'Cluster: connected to Redis, sharing cache, rate budgets and coalescing');
      return;
    }
    this.lostLogged = true;
    this.logger.warn(
      { redis: redisAddress(this.config.redisUrl), replica: this.config.replicaId },
      'Cluster: Redis unreachable at start; serving from in-memory state (nothing shared) and reconnecting in the background',
    );
  }

  async onStop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([this.quit(this.client), this.quit(this.subscriber)]);
  }

  private onReady(connection: Redis): void {
    if (connection === this.subscriber) this.subscribe();
    if (!this.connected) return;
    this.connections += 1;
    this.metrics.setConnected(true);
    if (this.wasReady || this.lostLogged) {
      this.metrics.reconnected();
      this.logger.info({ redis: redisAddress(this.config.redisUrl), replica: this.config.replicaId }, 'Cluster: Redis is back, sharing resumes');
    }
    this.wasReady = true;
    this.lostLogged = false;
  }

  private onClose(): void {
    this.metrics.setConnected(false);
    if (this.stopping || this.lostLogged || !this.wasReady) return;
    this.lostLogged = true;
    this.logger.warn({ redis: redisAddress(this.config.redisUrl), replica: this.config.replicaId }, 'Cluster: lost Redis; answering from in-memory state and reconnecting with backoff');
  }

  /** Connection errors repeat on every retry: the loss is logged once (onClose), the errors only counted. */
  private onError(error: Error): void {
    this.metrics.redisError('connection');
    this.logger.debug({ err: error.message }, 'Cluster: Redis connection error');
  }

  private subscribe(): void {
    const channels = [...this.handlers.keys()];
    if (channels.length === 0) return;
    this.subscriber.subscribe(...channels).catch(() => this.metrics.redisError('subscribe'));
  }

  private async quit(connection: Redis): Promise<void> {
    if (connection.status !== 'ready') {
      connection.disconnect();
      return;
    }
    await connection.quit().catch(() => connection.disconnect());
  }
}
