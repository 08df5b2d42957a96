import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import type { Logger } from '../logging/logger.js';
import type { FastAnswer, FastLane, FastLaneRequest } from './fast-lane.js';
import { requestIdFrom } from './request-id.js';
import { requestLogger, type RequestLogger } from './request-log-middleware.js';
import { securityHeaderList } from './security-headers.js';

/** Told of every answer a fast lane wrote (the request metrics count them as their Koa route would). */
export type FastAnswerObserver = (method: string, route: string, status: number, seconds: number) => void;

/**
 * The fast lanes, tried in order on each plain GET before Koa. What every Koa answer gets is done
 * here the same way: the request id kept or made and echoed, the security headers (read from
 * helmet once), `Vary: Origin` as the CORS middleware says, the request log line and the
 * observers (request metrics). A request with an `Origin` (CORS answers depend on it), with a body
 * (the body parser may refuse it) or with a method other than GET goes to Koa. The lanes are used only while every Koa middleware is one
 * they stand in for (`covers`): a plugin's own middleware must see every request, so the lanes
 * step aside for it.
 */
export class FastLanes {
  private readonly lanes: FastLane[] = [];
  private readonly observers: FastAnswerObserver[] = [];
  private readonly covered = new WeakSet<object>();
  /** The headers of a fast answer as written: the request id's slot, then those every answer carries; the answer's own follow from `commonLength` on. */
  private readonly head: string[] = ['X-Request-Id', '', ...securityHeaderList(), 'Vary', 'Origin'];
  private readonly commonLength = this.head.length;
  private readonly logRequest: RequestLogger;

  constructor(private readonly logger: Logger) {
    this.logRequest = requestLogger(logger);
  }

  /** Adds a lane, tried after those added before it. */
  add(lane: FastLane): void {
    this.lanes.push(lane);
  }

  /** Calls `observer` after every fast answer. */
  onAnswered(observer: FastAnswerObserver): void {
    this.observers.push(observer);
  }

  /** Marks a Koa middleware whose effect on a fast answer the lanes reproduce. */
  covers(middleware: object): void {
    this.covered.add(middleware);
  }

  /**
   * The request handler to try before Koa's (true when it answered), or undefined when no lane
   * was added or some middleware of `middleware` is not covered (said at info).
   */
  handlerFor(middleware: readonly Middleware<never, never>[]): ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined {
    if (this.lanes.length === 0) return undefined;
    const uncovered = middleware.filter((candidate) => !this.covered.has(candidate));
    if (uncovered.length > 0) {
      this.logger.info({ middleware: uncovered.map((candidate) => candidate.name || 'anonymous') }, 'Fast lanes off: a middleware must see every request');
      return undefined;
    }
    return (req, res) => this.handle(req, res);
  }

  private handle(req: IncomingMessage, res: ServerResponse): boolean {
    const { headers } = req;
    if (req.method !== 'GET' || headers.origin !== undefined || headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
    const started = performance.now();
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const request: FastLaneRequest = { path: mark < 0 ? url : url.slice(0, mark), search: mark < 0 ? '' : url.slice(mark + 1), headers };
    for (const lane of this.lanes) {
      const answer = lane.tryAnswer(request);
      if (answer === undefined) continue;
      const requestId = requestIdFrom(headers['x-request-id']);
      this.write(res, requestId, answer);
      const elapsedMs = performance.now() - started;
      this.logRequest(requestId, 'GET', request.path, answer.status, undefined, elapsedMs);
      for (const observe of this.observers) observe('GET', answer.route, answer.status, elapsedMs / 1000);
      return true;
    }
    return false;
  }

  /** Writes the answer with one header array, reused: Node reads it within writeHead and keeps none of it. */
  private write(res: ServerResponse, requestId: string, answer: FastAnswer): void {
    const { head } = this;
    head.length = this.commonLength;
    head[1] = requestId;
    for (const field of answer.headers) head.push(field);
    if (answer.body !== undefined) head.push('Content-Length', String(Buffer.byteLength(answer.body)));
    res.writeHead(answer.status, head);
    res.end(answer.body);
  }
}
