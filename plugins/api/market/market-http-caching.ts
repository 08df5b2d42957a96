import type Koa from 'koa';
import { etagOf, ifNoneMatchHolds } from '../../../core/index.js';

/** A market answer as it goes out: its JSON text and a strong validator of it. */
export interface SerializedAnswer {
  body: string;
  etag: string;
}

/** `Content-Type` of every market answer. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The answer's JSON and ETag. */
export function serialize(body: unknown): SerializedAnswer {
  const text = JSON.stringify(body);
  return { body: text, etag: etagOf(Buffer.from(text)) };
}

/** `Cache-Control` values of up to an hour, made once each, by whole seconds: a cached answer's is written on every hit. */
const MEMO_SECONDS = 3_600;
const maxAges: string[] = [];

/** `Cache-Control` of an answer fresh for `freshnessLeftMs` more: a cache may keep it for the whole seconds left, no longer. */
export function cacheControlFor(freshnessLeftMs: number): string {
  const seconds = Math.max(0, Math.floor(freshnessLeftMs / 1000));
  if (seconds >= MEMO_SECONDS) return `max-age=${seconds}`;
  return (maxAges[seconds] ??= `max-age=${seconds}`);
}

/** What a market answer sends: 304 without a body when `If-None-Match` names its ETag, else 200 with the body; the caching headers either way. */
export interface MarketResponse {
  status: 200 | 304;
  cacheControl: string;
  etag: string;
  body: string | undefined;
}

/** The market response to a request with `ifNoneMatch` ('' when absent): both the Koa routes and the fast lane answer through this. */
export function marketResponse(answer: SerializedAnswer, freshnessLeftMs: number, ifNoneMatch: string): MarketResponse {
  const cacheControl = cacheControlFor(freshnessLeftMs);
  return ifNoneMatchHolds(ifNoneMatch, answer.etag)
    ? { status: 304, cacheControl, etag: answer.etag, body: undefined }
    : { status: 200, cacheControl, etag: answer.etag, body: answer.body };
}

/** Writes a market response on a Koa context: the caching headers, then the JSON body or a bare 304. */
export function sendMarketResponse(ctx: Koa.ParameterizedContext, response: MarketResponse): void {
  ctx.set('Cache-Control', response.cacheControl);
  ctx.set('ETag', response.etag);
  if (response.body === undefined) {
    ctx.status = 304;
    return;
  }
  ctx.status = 200;
  ctx.type = JSON_CONTENT_TYPE;
  ctx.body = response.body;
}
