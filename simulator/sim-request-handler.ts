import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultBook, FaultKind } from './sim-faults.js';
import type { SimMarket } from './sim-market.js';
import type { RandomSource } from './seeded-random.js';
import type { SimClock } from './sim-clock.js';
import type { SimProviderId } from './sim-provider-id.js';
import type { SimProvider, SimRateLimiter, SimResponse, SimRoute } from './sim-route.js';
import type { SimStatsRecorder } from './sim-stats.js';
import { VenueMarket } from './venue-market.js';

/** What the wrong-price fault multiplies prices by. */
const WRONG_PRICE_FACTOR = 1000;

/** What answering one provider request needs; limiters are swapped on reset, hence the getter. */
export interface SimRequestHandlerDeps {
  market: SimMarket;
  faults: FaultBook;
  stats: SimStatsRecorder;
  random: RandomSource;
  clock: SimClock;
  limiterOf(id: SimProviderId): SimRateLimiter | undefined;
  baseLatencyMs: number;
  /** Aborted when the simulator closes: pending latencies end and held requests are dropped. */
  closing: AbortSignal;
  /** Responses a timeout fault holds open, so closing can destroy them. */
  held: Set<ServerResponse>;
}

interface RouteMatch {
  route: SimRoute;
  params: string[];
}

/**
 * The pipeline of one request to a simulated provider: connection faults, latency, the real
 * rate limit, injected error answers, then the route's answer (maybe garbled or mispriced).
 */
export class SimRequestHandler {
  constructor(private readonly deps: SimRequestHandlerDeps) {}

  async handle(provider: SimProvider, path: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { stats } = this.deps;
    const id = provider.id;
    const routePath = stripBasePath(provider, path);
    const match = findRoute(provider, routePath);
    const endpoint = match?.route.endpoint ?? '(unknown path)';
    stats.call(id, endpoint);

    if (this.strikes(id, 'reset')) {
      req.socket.resetAndDestroy();
      return;
    }
    if (this.strikes(id, 'timeout')) {
      this.hold(res);
      return;
    }
    if (!(await this.wait(this.latencyOf(id), res)) || res.destroyed) return;

    const verdict = match === undefined ? {} : (this.deps.limiterOf(id)?.admit(match.route.cost?.(query) ?? 1, endpoint) ?? {});
    let response: SimResponse;
    let garbage = false;
    if (verdict.denied !== undefined) {
      stats.rateLimited(id);
      response = verdict.denied;
    } else if (this.strikes(id, 'error')) {
      response = provider.serverError();
    } else if (provider.inBodyError !== undefined && this.strikes(id, 'inBodyError')) {
      response = provider.inBodyError(this.deps.faults.inBodyErrorMessage(id));
    } else if (this.strikes(id, 'status429')) {
      response = provider.tooManyRequests(1 + Math.floor(this.deps.random() * 30));
    } else if (match === undefined) {
      response = provider.notFound(path);
    } else {
      const factor = this.strikes(id, 'wrongPrice') ? WRONG_PRICE_FACTOR : 1;
      response = match.route.handle({
        params: match.params,
        query,
        headers: req.headers,
        market: new VenueMarket(this.deps.market, id, this.deps.clock.now(), factor),
        noteSymbol: (symbol) => stats.symbol(id, symbol),
      });
      garbage = this.strikes(id, 'garbage');
    }
    send(res, { ...response, headers: { ...verdict.headers, ...response.headers } }, garbage ? this.garbage(response) : undefined);
    stats.status(id, garbage ? 200 : response.status);
  }

  private strikes(id: SimProviderId, kind: FaultKind): boolean {
    const struck = this.deps.faults.strikes(id, kind);
    if (struck) this.deps.stats.fault(id, kind);
    return struck;
  }

  private latencyOf(id: SimProviderId): number {
    const base = this.deps.baseLatencyMs;
    // ±20 % jitter around the base so answers do not arrive in lockstep.
    const jittered = base === 0 ? 0 : base * (0.8 + 0.4 * this.deps.random());
    return Math.round(jittered + this.deps.faults.latencyMs(id));
  }

  /** Resolves false when the simulator closed or the client went away meanwhile (the timer stops then). */
  private async wait(ms: number, res: ServerResponse): Promise<boolean> {
    if (this.deps.closing.aborted) return false;
    if (ms <= 0) return true;
    const clientGone = new AbortController();
    const onClose = (): void => clientGone.abort();
    res.once('close', onClose);
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any([this.deps.closing, clientGone.signal]) });
      return true;
    } catch {
      return false;
    } finally {
      res.off('close', onClose);
    }
  }

  private hold(res: ServerResponse): void {
    this.deps.held.add(res);
    res.on('close', () => this.deps.held.delete(res));
  }

  /** A Cloudflare error page or a JSON body cut short, both served with HTTP 200. */
  private garbage(response: SimResponse): { body: string; contentType: string } {
    if (this.deps.random() < 0.5) {
      const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';
      return { body: page, contentType: 'text/html; charset=utf-8' };
    }
    const json = JSON.stringify(response.body) ?? '';
    return { body: json.slice(0, Math.max(1, Math.floor(json.length / 2))), contentType: 'application/json; charset=utf-8' };
  }
}

function stripBasePath(provider: SimProvider, path: string): string {
  const base = provider.basePaths.find((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return base === undefined ? path : path.slice(base.length);
}

function findRoute(provider: SimProvider, path: string): RouteMatch | undefined {
  for (const route of provider.routes) {
    const match = route.pattern.exec(path);
    if (match !== null) return { route, params: match.slice(1).map((group) => (group === undefined ? '' : safeDecode(group))) };
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Writes a simulated answer; `garbage` replaces the body (HTTP 200) when a garbage fault struck. */
export function send(res: ServerResponse, response: SimResponse, garbage?: { body: string; contentType: string }): void {
  if (res.destroyed || res.writableEnded) return;
  const status = garbage === undefined ? response.status : 200;
  const isText = typeof response.body === 'string';
  const body = garbage?.body ?? (isText ? (response.body as string) : JSON.stringify(response.body));
  const contentType = garbage?.contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  res.writeHead(status, { ...response.headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
