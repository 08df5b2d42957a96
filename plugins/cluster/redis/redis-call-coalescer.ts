import { randomUUID } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { type CallCoalescer, InMemoryCallCoalescer, isProviderError, ProviderError, type ProviderErrorKind } from '../../../core/index.js';
import { RedisClusterConfig } from './cluster-config.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { RedisConnection } from './redis-connection.js';
import { safeJson } from './safe-json.js';

/** The kinds a shared failure may carry; another one (from a newer replica) is not shared: the waiters call themselves. */
const SHARED_KINDS = ['rate_limited', 'unavailable', 'timeout', 'unknown_symbol', 'malformed_body', 'schema_drift', 'insane_value', 'disabled', 'unsupported'] as const satisfies readonly ProviderErrorKind[];

/**
 * How a call ended, as published to the other replicas. A failure carries only what the router acts
 * on (provider, kind, upstream status, Retry-After, ban), never the upstream's message, which could
 * echo a URL with a key; a failure that is not a ProviderError (a bug) is not shared: the waiters call themselves.
 */
const OutcomeSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({
    ok: z.literal(false),
    error: z
      .strictObject({
        providerId: z.string(),
        kind: z.enum(SHARED_KINDS),
        upstreamStatus: z.number().optional(),
        retryAfterMs: z.number().optional(),
        banned: z.boolean(),
      })
      .optional(),
  }),
]);
type Outcome = z.infer<typeof OutcomeSchema>;

const MessageSchema = z.strictObject({ key: z.string(), outcome: z.string() });

/** What a waiting replica is told: the outcome, or nothing (the wait ran out or Redis was lost). */
type Waiter = (outcome: Outcome | undefined) => void;

/**
 * Coalescing across the cluster. Within a replica, identical concurrent calls share one promise
 * (the in-memory coalescer). Across replicas, the first to claim `lock:<key>` (SET NX with a short
 * lifetime) calls the upstream; it then keeps the outcome for `resultTtlMs` under `result:<key>`
 * and publishes it. The others wait for that message at most `maxWaitMs` (a replica that asks just
 * after it was published reads `result:<key>` instead) and call themselves when the wait runs out,
 * when the claim fails or times out, or while Redis is unreachable: a slow Redis costs a call,
 * never an answer.
 */
@injectable()
export class RedisCallCoalescer implements CallCoalescer {
  private readonly local = new InMemoryCallCoalescer();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly channel: string;

  constructor(
    @inject(RedisConnection) private readonly connection: RedisConnection,
    @inject(ClusterMetrics) private readonly metrics: ClusterMetrics,
    @inject(RedisClusterConfig) private readonly config: RedisClusterConfig,
  ) {
    this.channel = connection.key('calls');
    connection.onMessage(this.channel, (message) => this.onMessage(message));
  }

  run<T>(key: string, start: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.runInCluster(key, start));
  }

  isRunning(key: string): boolean {
    return this.local.isRunning(key);
  }

  private async runInCluster<T>(key: string, start: () => Promise<T>): Promise<T> {
    if (!this.connection.connected) {
      this.metrics.coalescedCall('local_fallback');
      return start();
    }
    // Listening before the claim: a result published between the claim and the wait is not missed.
    const { outcome, cancel } = this.waitFor(key);
    const token = `${this.config.replicaId}:${randomUUID()}`;
    let claim: [string, string?];
    try {
      claim = await this.connection.client.cdsClaimCall(this.connection.key('lock', key), this.connection.key('result', key), token, this.config.coalescing.lockTtlMs);
    } catch {
      cancel();
      this.metrics.redisError('claim_call');
      this.metrics.coalescedCall('local_fallback');
      return start();
    }
    if (claim[0] === 'acquired') {
      cancel();
      this.metrics.coalescedCall('leader');
      return this.lead(key, token, start);
    }
    if (claim[0] === 'result') {
      cancel();
      const published = parseOutcome(claim[1]);
      if (published !== undefined) {
        this.metrics.coalescedCall('remote_result');
        return settle<T>(published, start);
      }
      this.metrics.coalescedCall('local_fallback');
      return start();
    }
    const received = await outcome;
    if (received === undefined) {
      this.metrics.coalescedCall('wait_timeout');
      return start();
    }
    this.metrics.coalescedCall('remote_wait');
    return settle<T>(received, start);
  }

  /** Calls, then shares the outcome; publishing is not waited for. */
  private async lead<T>(key: string, token: string, start: () => Promise<T>): Promise<T> {
    try {
      const value = await start();
      this.share(key, token, { ok: true, value });
      return value;
    } catch (error) {
      this.share(key, token, { ok: false, error: isProviderError(error) ? describe(error) : undefined });
      throw error;
    }
  }

  private share(key: string, token: string, outcome: Outcome): void {
    const serialized = JSON.stringify(outcome);
    this.connection.client
      .cdsSettleCall(
        this.connection.key('lock', key),
        this.connection.key('result', key),
        token,
        serialized,
        this.config.coalescing.resultTtlMs,
        this.channel,
        JSON.stringify({ key, outcome: serialized }),
      )
      .catch(() => this.metrics.redisError('settle_call'));
  }

  /** Resolves with the outcome published for `key`, or undefined after `maxWaitMs` or once Redis is lost. */
  private waitFor(key: string): { outcome: Promise<Outcome | undefined>; cancel: () => void } {
    let waiter: Waiter = () => undefined;
    const outcome = new Promise<Outcome | undefined>((resolve) => {
      const timer = setTimeout(() => waiter(undefined), this.config.coalescing.maxWaitMs);
      const lost = setInterval(() => {
        if (!this.connection.connected) waiter(undefined);
      }, Math.min(100, this.config.coalescing.maxWaitMs));
      waiter = (received) => {
        clearTimeout(timer);
        clearInterval(lost);
        this.waiters.get(key)?.delete(waiter);
        if (this.waiters.get(key)?.size === 0) this.waiters.delete(key);
        resolve(received);
      };
    });
    let set = this.waiters.get(key);
    if (set === undefined) {
      set = new Set();
      this.waiters.set(key, set);
    }
    set.add(waiter);
    return { outcome, cancel: () => waiter(undefined) };
  }

  private onMessage(message: string): void {
    const parsed = MessageSchema.safeParse(safeJson(message));
    if (!parsed.success) return;
    const waiting = this.waiters.get(parsed.data.key);
    if (waiting === undefined) return;
    const outcome = parseOutcome(parsed.data.outcome);
    for (const waiter of [...waiting]) waiter(outcome);
  }
}

/** The published outcome as this replica's own: the value, the ProviderError rebuilt, or its own call for a failure not shared. */
function settle<T>(outcome: Outcome, start: () => Promise<T>): Promise<T> {
  if (outcome.ok) return Promise.resolve(outcome.value as T);
  if (outcome.error === undefined) return start();
  const { providerId, kind, upstreamStatus, retryAfterMs, banned } = outcome.error;
  const options = { banned, ...(upstreamStatus === undefined ? {} : { upstreamStatus }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  return Promise.reject(new ProviderError(providerId, kind, `${kind} (call shared by another replica)`, options));
}

function describe(error: ProviderError): Extract<Outcome, { ok: false }>['error'] {
  const { kind } = error;
  if (!isSharedKind(kind)) return undefined;
  return {
    providerId: error.providerId,
    kind,
    banned: error.banned,
    ...(error.upstreamStatus === undefined ? {} : { upstreamStatus: error.upstreamStatus }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
  };
}

function isSharedKind(kind: string): kind is (typeof SHARED_KINDS)[number] {
  return (SHARED_KINDS as readonly string[]).includes(kind);
}

function parseOutcome(text: string | undefined): Outcome | undefined {
  if (text === undefined) return undefined;
  const parsed = OutcomeSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : undefined;
}
