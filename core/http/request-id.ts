import { randomUUID } from 'node:crypto';

/** What an incoming `X-Request-Id` may look like to be kept: short, and safe in a header and a log line. */
const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The id of a request: a sane incoming `X-Request-Id` is kept, anything else is replaced by a new UUID. */
export function requestIdFrom(incoming: string | readonly string[] | undefined): string {
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}
