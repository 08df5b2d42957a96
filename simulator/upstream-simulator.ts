import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIM_PROVIDERS } from './providers/sim-providers.js';
import { seededRandom } from './seeded-random.js';
import { systemClock, type SimClock } from './sim-clock.js';
import { FaultBook, FaultsPatchError, parseFaultsPatch, type FaultsPatch, type ProviderFaults } from './sim-faults.js';
import { SimMarket } from './sim-market.js';
import { isSimProviderId, perProvider, SIM_PROVIDER_IDS, type SimProviderId } from './sim-provider-id.js';
import { SimRequestHandler, send } from './sim-request-handler.js';
import type { RateLimitSetting, SimRateLimiter } from './sim-route.js';
import { SimStatsRecorder, type SimStats } from './sim-stats.js';

/** How to start the simulator; every field is optional. */
export interface UpstreamSimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Seeds the market and the fault dice: the same seed gives the same prices. */
  seed?: number;
  /** Base latency of every answer (±20 % jitter); faults can add per provider. */
  latencyMs?: number;
  /** Imitate the providers' rate limits (default true), or override some limits (tests use small ones). */
  rateLimits?: boolean | Partial<Record<SimProviderId, RateLimitSetting>>;
  /** Time source of the market and the rate limits; tests pass a ManualClock. */
  clock?: SimClock;
}

/** A running simulator. */
export interface UpstreamSimulator {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The base URL to configure for provider `id`: `<url>/<id>`. */
  baseUrlOf(id: SimProviderId): string;
  /** Validates and applies a faults patch (same body as `POST /__sim/faults`); throws FaultsPatchError naming the field. */
  setFaults(patch: unknown): void;
  /** The faults currently injected. */
  faults(): Partial<Record<SimProviderId, ProviderFaults>>;
  stats(): SimStats;
  /** Clears faults, stats and rate-limit state (bans included). */
  reset(): void;
  /** Stops listening and drops every open connection, held timeouts included. */
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__sim';
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/**
 * Starts the local upstream simulator: every built-in provider's real paths and answer shapes
 * under `/<id>`, over a deterministic random-walk market, with the providers' rate limits and
 * faults that can be changed while it runs (`POST /__sim/faults`). Used by tests, the demo and
 * the benchmarks; `npm run sim` runs it standalone.
 */
export async function startUpstreamSimulator(options: UpstreamSimulatorOptions = {}): Promise<UpstreamSimulator> {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? systemClock;
  const random = seededRandom(seed);
  const faults = new FaultBook(random);
  const stats = new SimStatsRecorder();
  const closing = new AbortController();
  const held = new Set<ServerResponse>();
  const createLimiters = (): Partial<Record<SimProviderId, SimRateLimiter>> => limitersFor(options.rateLimits ?? true, clock);
  let limiters = createLimiters();
  const handler = new SimRequestHandler({
    market: new SimMarket(seed),
    faults,
    stats,
    random,
    clock,
    limiterOf: (id) => limiters[id],
    baseLatencyMs: options.latencyMs ?? 0,
    closing: closing.signal,
    held,
  });

  const reset = (): void => {
    faults.clear();
    stats.clear();
    limiters = createLimiters();
  };
  const setFaults = (patch: unknown): void => faults.apply(parseFaultsPatch(patch));

  let baseUrl = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    if (url.pathname === '/' || url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      void control(req, res, url.pathname, { baseUrl, stats, faults, setFaults, reset });
      return;
    }
    const [, id = '', ...rest] = url.pathname.split('/');
    if (!isSimProviderId(id)) {
      send(res, { status: 404, body: { error: `no simulated provider at /${id}; providers: ${SIM_PROVIDER_IDS.join(', ')}` } });
      return;
    }
    handler.handle(SIM_PROVIDERS[id], rest.length === 0 ? '' : `/${rest.join('/')}`, url.searchParams, req, res).catch((error: unknown) => {
      send(res, { status: 500, body: { error: `simulator bug: ${error instanceof Error ? error.message : String(error)}` } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    baseUrlOf: (id) => `${baseUrl}/${id}`,
    setFaults,
    faults: () => faults.snapshot(),
    stats: () => stats.snapshot(),
    reset,
    close: () => {
      closed ??= shutdown(server, closing, held);
      return closed;
    },
  };
}

function limitersFor(setting: UpstreamSimulatorOptions['rateLimits'], clock: SimClock): Partial<Record<SimProviderId, SimRateLimiter>> {
  if (setting === false) return {};
  const overrides = setting === true || setting === undefined ? {} : setting;
  return perProvider((id) => {
    const provider = SIM_PROVIDERS[id];
    return provider.createLimiter(overrides[id] ?? provider.rateLimit, clock);
  });
}

async function shutdown(server: Server, closing: AbortController, held: Set<ServerResponse>): Promise<void> {
  closing.abort();
  for (const res of held) res.destroy();
  held.clear();
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await stopped;
}

interface ControlDeps {
  baseUrl: string;
  stats: SimStatsRecorder;
  faults: FaultBook;
  setFaults(patch: unknown): void;
  reset(): void;
}

/** `GET /` and `/__sim` (index), `GET /__sim/stats`, `GET|POST /__sim/faults`, `POST /__sim/reset`. */
async function control(req: IncomingMessage, res: ServerResponse, path: string, deps: ControlDeps): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /':
    case `GET ${CONTROL_PREFIX}`:
      return send(res, { status: 200, body: { providers: Object.fromEntries(SIM_PROVIDER_IDS.map((id) => [id, `${deps.baseUrl}/${id}`])) } });
    case `GET ${CONTROL_PREFIX}/stats`:
      return send(res, { status: 200, body: deps.stats.snapshot() });
    case `GET ${CONTROL_PREFIX}/faults`:
      return send(res, { status: 200, body: { faults: deps.faults.snapshot() } });
    case `POST ${CONTROL_PREFIX}/reset`:
      deps.reset();
      return send(res, { status: 200, body: { reset: true } });
    case `POST ${CONTROL_PREFIX}/faults`:
      return postFaults(req, res, deps);
    default:
      return send(res, { status: 404, body: { error: { code: 'not_found', message: `no control endpoint ${route}` } } });
  }
}

async function postFaults(req: IncomingMessage, res: ServerResponse, deps: ControlDeps): Promise<void> {
  let patch: FaultsPatch | undefined;
  try {
    const text = await readBody(req);
    patch = parseFaultsPatch(text === '' ? {} : JSON.parse(text));
  } catch (error) {
    const message = error instanceof FaultsPatchError ? error.message : `body is not JSON: ${error instanceof Error ? error.message : String(error)}`;
    return send(res, { status: 400, body: { error: { code: 'bad_request', message } } });
  }
  deps.setFaults(patch);
  send(res, { status: 200, body: { faults: deps.faults.snapshot() } });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_CONTROL_BODY_BYTES) throw new Error(`larger than ${MAX_CONTROL_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
