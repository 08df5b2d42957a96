import type { IncomingHttpHeaders } from 'node:http';

/** What a fast lane is shown of a GET: its path, its raw query string and its headers. */
export interface FastLaneRequest {
  /** The path without the query, as sent (`/api/market/price`). */
  readonly path: string;
  /** What follows `?` in the URL, as sent; '' when there is none. */
  readonly search: string;
  readonly headers: IncomingHttpHeaders;
}

/** A fast lane's answer, written as it is after the headers every answer carries. */
export interface FastAnswer {
  status: 200 | 304;
  /** The route pattern the request metrics count it under, as its Koa route would (`/api/market/price`). */
  route: string;
  /** The answer's own headers as name, value, name, value... (Content-Type, Cache-Control, ETag). */
  headers: readonly string[];
  /** The JSON text (a string goes out in one write with the headers); undefined for a 304. */
  body: string | undefined;
}

/**
 * A synchronous answer written before Koa runs, for a GET the lane can answer exactly as its Koa
 * route would (a fresh cached market answer, say), the same bytes and the same accounting.
 * Undefined, having changed nothing, hands the request to the full Koa stack.
 */
export interface FastLane {
  tryAnswer(request: FastLaneRequest): FastAnswer | undefined;
}
