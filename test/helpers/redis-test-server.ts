import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

/**
 * The shared Redis the cluster tests use: `TEST_REDIS_URL`, else the machine's (and CI's)
 * `redis://127.0.0.1:6379`. Never stopped by a test: kill/restart tests start their own server.
 */
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run uses: parallel runs against one Redis never see each other's keys. */
export function uniqueKeyPrefix(label: string): string {
  return `cds-test-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Fails loudly (names the URL and how to start Redis) when the Redis the tests need does not answer. */
export async function requireRedis(url: string = SHARED_REDIS_URL): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `the cluster tests need a Redis at ${url} (${(error as Error).message}); start one with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}

/** A plain client for assertions and clean-up; disconnect it when done. */
export function testClient(url: string = SHARED_REDIS_URL): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  return client;
}

/** Every key under `prefix:`. */
export async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under `prefix:` (a test run's clean-up). */
export async function deleteKeysUnder(url: string, prefix: string): Promise<void> {
  const client = testClient(url);
  try {
    const keys = await keysUnder(client, prefix);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A redis-server of the test's own, on a free loopback port, that the test may stop and start
 * again on the same port (the shared Redis is never killed). Keeps nothing on disk.
 */
export class OwnRedisServer {
  private process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) and resolves once it answers PING. */
  async restart(): Promise<void> {
    if (this.process !== undefined) throw new Error('the test Redis is already running');
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`cannot start redis-server for the test: ${error.message}`))));
    this.process = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await Promise.race([requireRedis(this.url), failed]);
        return;
      } catch (error) {
        if (Date.now() > deadline || child.exitCode !== null) {
          await this.stop();
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Kills the server (SIGKILL: like a crash) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child === undefined || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}
