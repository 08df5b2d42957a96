import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from './error-middleware.js';

/** An answer given before (or instead of) Koa: a status and the JSON error's code and message. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * A complete HTTP/1.1 response, as bytes to write on a raw socket, carrying the same JSON error
 * body as every other error answer. Used where Node's parser or the `connect` event hand over a
 * socket and no Koa context exists. The connection is closed after it: what follows on the socket
 * cannot be trusted to be a request.
 */
export function rawErrorResponse(refusal: Refusal, requestId: string): string {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message, requestId } } satisfies ErrorBody);
  const head = [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Error'}`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
